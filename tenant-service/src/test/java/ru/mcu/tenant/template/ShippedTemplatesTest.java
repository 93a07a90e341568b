package ru.mcu.tenant.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import ru.mcu.tenant.template.MunicipalityTemplate.Channel;
import ru.mcu.tenant.template.MunicipalityTemplate.DeadlinePolicy;
import ru.mcu.tenant.template.MunicipalityTemplate.Regulation;
import ru.mcu.tenant.template.MunicipalityTemplate.Transition;

/**
 * The five shipped templates against the key clauses of their acts (../shared/seeds/). Each
 * assertion names what the act says; a template that drifts from its act fails here.
 */
class ShippedTemplatesTest {
    static final TemplateValidator validator = new TemplateValidator();
    static final Map<String, String> SEEDS = Map.of("irkutsk-district", "000_ebfca4f0a9c8146a.txt", "barnaul", "001_bbc68a9c424e7380.txt",
            "tashtagol", "002_f2e1486361b13ce6.txt", "nyuksenitsa", "003_0b9cef2026dacfab.txt", "ishim", "004_0ee4a0f0c524fdf8.txt");
    static final String TASHTAGOL_SEED = "002_f2e1486361b13ce6.txt";

    static MunicipalityTemplate load(String slug) throws Exception {
        return validation(slug).template();
    }

    static TemplateValidator.Validation validation(String slug) throws Exception {
        try (InputStream in = ShippedTemplatesTest.class.getClassLoader().getResourceAsStream("config-templates/municipalities/" + slug + ".yaml")) {
            var result = validator.validate(slug + ".yaml", in.readAllBytes());
            assertThat(result.problems()).as(slug).isEmpty();
            return result;
        }
    }

    /** The template as a tree: for what the loaded model does not carry (arrival, channel-limited ratings, deputy chair …). */
    static JsonNode tree(String slug) throws Exception {
        try (InputStream in = ShippedTemplatesTest.class.getClassLoader().getResourceAsStream("config-templates/municipalities/" + slug + ".yaml")) {
            return YamlTree.parse(slug + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8)).root();
        }
    }

    static Stream<JsonNode> each(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false);
    }

    static JsonNode byCode(JsonNode list, String code) {
        return each(list).filter(n -> n.path("code").asText().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code));
    }

    /** Every source and regulationSource of a template, as (path, source). */
    static List<Map.Entry<String, JsonNode>> allSources(JsonNode node, String at) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(allSources(node.get(i), at + "/" + i));
            }
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                if ((field.getKey().equals("source") || field.getKey().equals("regulationSource")) && field.getValue().has("point")) {
                    found.add(Map.entry(at + "/" + field.getKey(), field.getValue()));
                } else {
                    found.addAll(allSources(field.getValue(), at + "/" + field.getKey()));
                }
            });
        }
        return found;
    }

    static final List<String> ALL = List.of("irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim");

    static DeadlinePolicy policy(MunicipalityTemplate t, String channel, String kind) {
        return t.policies(channel).stream().filter(p -> p.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError(channel + " has no " + kind + " deadline"));
    }

    static Transition step(Regulation r, String action) {
        return r.transitions().stream().filter(s -> s.action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError(r.code() + " has no step " + action));
    }

    static Stream<MunicipalityTemplate.Source> sources(MunicipalityTemplate t) {
        return Stream.of(
                t.roles().stream().flatMap(r -> Stream.concat(Stream.of(r.source()),
                        r.duties() == null ? Stream.empty() : r.duties().stream().map(MunicipalityTemplate.Duty::source))),
                t.blocks().stream().map(MunicipalityTemplate.Block::source),
                t.channels().stream().map(Channel::source),
                t.deadlinePolicies().stream().map(DeadlinePolicy::source),
                t.regulations().stream().flatMap(r -> Stream.concat(Stream.of(r.source()), r.transitions().stream().map(Transition::source))))
                .flatMap(s -> s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void eachTemplateValidatesAndCitesItsActOrMarksAPlatformDefault(String slug) throws Exception {
        MunicipalityTemplate t = load(slug);
        assertThat(t.profile().slug()).isEqualTo(slug);
        assertThat(t.act().seed()).isEqualTo(SEEDS.get(slug));
        assertThat(sources(t)).allSatisfy(source -> {
            assertThat(source).isNotNull();
            assertThat(source.point()).isNotBlank();
            // Only Tashtagol's regulation may stand in where an act is silent, and then the point and the basis say so.
            if (!source.seed().equals(t.act().seed())) {
                assertThat(source.seed()).isEqualTo(TASHTAGOL_SEED);
                assertThat(source.point()).containsIgnoringCase("по умолчанию");
                assertThat(source.basis()).as(source.point()).isEqualTo("platform-default");
            }
            // A platform default admits it in its point.
            if ("platform-default".equals(source.basis())) {
                assertThat(source.point()).containsIgnoringCase("по умолчанию платформы");
            }
        });
        assertThat(t.calendar().federal()).isEqualTo("russia-federal");
    }

    @Test
    void tashtagolIncidentManagementFollowsRegulationPoint21() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        assertThat(t.profile().timeZone()).isEqualTo("Asia/Novokuznetsk");
        Channel im = t.channel("im").orElseThrow();
        // «Прием и обработка сообщений ведется только в рабочие дни (понедельник-пятница с 08:00 до 17:00).
        //  В праздничные дни график работы определяет ЦУР Кузбасса.»
        assertThat(im.timetable().days()).isEqualTo("working-days");
        assertThat(im.timetable().intervals()).containsExactly("08:00-17:00");
        assertThat(im.timetable().holidays()).isEqualTo("set-by-regional-centre");
        // «первичный ответ должен быть дан с указанием исполнения сроков в течение часа»; «Сроки … могут меняться по решению ЦУР»
        assertThat(policy(t, "im", "first-response")).satisfies(p -> {
            assertThat(p.measure()).isEqualTo("working-minutes");
            assertThat(p.amount()).isEqualTo(60);
            assertThat(p.adjustableBy()).contains("ЦУР");
        });
        Regulation r = t.regulation(im.regulation()).orElseThrow();
        // «ответственный … выбирает сообщения, передает их исполнителю с обозначением срока»
        assertThat(step(r, "take-into-work").roles()).containsExactly("im-responsible");
        assertThat(step(r, "assign").requires()).contains("executor", "deadline");
        // «отправляет ответ … на согласование, при положительном решении кураторы ЦУР … отправляют на оценку удовлетворенности»
        assertThat(step(r, "submit-for-approval").roles()).containsExactly("im-responsible");
        assertThat(step(r, "approve").by()).isEqualTo("regional-centre");
        // «если житель в течение двух дней не напишет комментарий, то ответ будет считаться готовым …
        //  если поступит комментарий от пользователя, то сообщение вернется в работу»
        assertThat(r.satisfaction().windowDays()).isEqualTo(2);
        assertThat(r.satisfaction().silenceMeans()).isEqualTo("accepted");
        assertThat(r.satisfaction().reopenOn()).contains("citizen-comment");
        assertThat(policy(t, "im", "satisfaction-window").amount()).isEqualTo(2);
        // «При отрицательном решении возвращается на доработку»
        assertThat(step(r, "reject").by()).isEqualTo("regional-centre");
        // «запросить ответ … в срочном порядке вне зависимости от дня недели и времени суток … промежуточный ответ»
        assertThat(step(r, "request-urgent").roles()).containsExactly("im-responsible");
        assertThat(step(r, "answer-interim").by()).isEqualTo("executor");
    }

    @Test
    void tashtagolFeedbackPlatformFollowsRegulationPoint22() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        Regulation r = t.regulation(t.channel("pos").orElseThrow().regulation()).orElseThrow();
        // «Срок предоставления ответа устанавливается автоматически в программе.»
        assertThat(policy(t, "pos", "answer").measure()).isEqualTo("source-supplied");
        // «делает отметку «в работу». После этого сообщение передает исполнителю с обозначением срока»
        assertThat(step(r, "take-into-work").roles()).containsExactly("pos-responsible");
        assertThat(step(r, "assign").roles()).containsExactly("pos-responsible");
        // «ответственный … публикует ответ … вправе возвращать ответ на доработку»
        assertThat(step(r, "publish").roles()).containsExactly("pos-responsible");
        assertThat(step(r, "return-for-rework").roles()).containsExactly("pos-responsible");
        // «После опубликования ответ в автоматическом режиме направляется на согласование … руководитель дает согласие»
        assertThat(step(r, "submit-for-approval").by()).isIn("source-platform", "system");
        assertThat(step(r, "approve").roles()).containsExactly("head");
        // «отрицательный комментарий от пользователя или модератора, то сообщение вернется в работу»
        assertThat(r.transitions()).filteredOn(s -> s.action().equals("reopen")).extracting(Transition::by)
                .containsExactlyInAnyOrder("citizen", "moderator");
    }

    @Test
    void tashtagolKuzbassOnlineFollowsRegulationPoint23() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        Channel ko = t.channel("kuzbass-online").orElseThrow();
        assertThat(ko.kind()).isEqualTo("regional-platform");
        // «Принимает сообщения «в работу» (в течение 24 часов)»; «Срок рассмотрения сообщения – 14 дней»
        assertThat(policy(t, "kuzbass-online", "acceptance")).satisfies(p -> {
            assertThat(p.measure()).isEqualTo("wall-clock-hours");
            assertThat(p.amount()).isEqualTo(24);
        });
        assertThat(policy(t, "kuzbass-online", "answer")).satisfies(p -> {
            assertThat(p.measure()).isEqualTo("calendar-days");
            assertThat(p.amount()).isEqualTo(14);
        });
        Regulation r = t.regulation(ko.regulation()).orElseThrow();
        // «назначает категорию и подкатегорию»; «Назначает непосредственного исполнителя»
        assertThat(step(r, "categorize").requires()).contains("category");
        assertThat(step(r, "assign").requires()).contains("executor");
        // «Ответы … публикуется исполнителем, при этом устанавливается статус по результату (решено или разъяснено)»
        assertThat(step(r, "publish").by()).isEqualTo("executor");
        assertThat(step(r, "publish").requires()).contains("result-status");
        assertThat(r.resultStatuses()).containsExactlyInAnyOrder("resolved", "explained");
    }

    @Test
    void tashtagolGovernorPagesFollowRegulationPoint24() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        Channel gp = t.channel("governor-pages").orElseThrow();
        // «Прием и обработка сообщений ведется в ежедневном режиме.»
        assertThat(gp.timetable().days()).isEqualTo("every-day");
        // «Ответ должен быть подготовлен, подписан и направлен в течение суток до 18.00 часов.»
        assertThat(policy(t, "governor-pages", "answer")).satisfies(p -> {
            assertThat(p.measure()).isEqualTo("same-day-cutoff");
            assertThat(p.cutoff()).isEqualTo("18:00");
        });
        Regulation r = t.regulation(gp.regulation()).orElseThrow();
        // «направляет … по компетенции вопроса руководителю структурного подразделения, который дает поручение исполнителю»
        assertThat(step(r, "forward").roles()).containsExactly("governor-pages-responsible");
        assertThat(step(r, "assign").roles()).containsExactly("unit-head");
        // «При подготовке ответа с заявителем необходимо связаться»
        assertThat(r.transitions()).anySatisfy(s -> assertThat(s.requires()).contains("contact-with-applicant"));
        // «Исполнитель согласовывает ответ с руководителем структурного подразделения»; «Ответственный вправе возвращать ответ на доработку»
        assertThat(step(r, "approve").roles()).containsExactly("unit-head");
        assertThat(step(r, "return-for-rework").roles()).containsExactly("governor-pages-responsible");
        // «направляет ответ на электронные адреса заявителей»
        assertThat(step(r, "send-to-applicant").roles()).containsExactly("governor-pages-responsible");
    }

    @Test
    void tashtagolRolesCarryTheirDuties() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        assertThat(t.roles()).extracting(MunicipalityTemplate.Role::code)
                .contains("curator", "head", "technical-operator", "analyst", "editor", "smm-manager", "direction-responsible");
        // SMM-менеджер edits answers, proposes new categories, forecasts the volume of messages.
        assertThat(t.role("smm-manager").orElseThrow().permissions())
                .contains("message.edit-answer", "category.propose", "analytics.forecast");
        // The head informs the head of the district weekly.
        assertThat(t.reports()).anySatisfy(r -> {
            assertThat(r.frequency()).isEqualTo("weekly");
            assertThat(r.preparedBy()).isEqualTo("head");
        });
    }

    @Test
    void irkutskDistrictHasItsFiveBlocksRatingAndDutiesToTheRegion() throws Exception {
        MunicipalityTemplate t = load("irkutsk-district");
        assertThat(t.profile().timeZone()).isEqualTo("Asia/Irkutsk");
        assertThat(t.blocks()).hasSize(5);
        assertThat(t.roles()).extracting(MunicipalityTemplate.Role::code)
                .contains("curator", "head", "im-responsible", "pos-responsible", "block-head");
        assertThat(t.channels()).extracting(Channel::kind).contains("pos", "incident-management", "analytics-integration");
        // Rating of responsible recipients by count, deadlines and completeness of answers (п. 11, пп. 2); the act
        // gives no weights, so there are none and the criteria count equally.
        assertThat(t.ratings()).filteredOn(r -> r.code().equals("recipients")).singleElement().satisfies(r -> {
            assertThat(r.subject()).isEqualTo("recipient");
            assertThat(r.criteria()).extracting(MunicipalityTemplate.Criterion::code).contains("volume", "timeliness", "completeness");
            assertThat(r.criteria()).extracting(MunicipalityTemplate.Criterion::weight).containsOnlyNulls();
        });
        // Reports and materials to the ЦУР on request.
        assertThat(t.reports()).anySatisfy(r -> {
            assertThat(r.recipient()).contains("ЦУР");
            assertThat(r.frequency()).isEqualTo("on-request");
        });
        // «по необходимости» (п. 11, пп. 1) is the act's; the channel reporting (п. 8, пп. 4; п. 9, пп. 4) names neither
        // an addressee nor a frequency, and none is invented.
        assertThat(t.reports()).filteredOn(r -> r.code().equals("mayor-analytical-note")).singleElement()
                .satisfies(r -> assertThat(r.frequency()).isEqualTo("as-needed"));
        assertThat(t.reports()).filteredOn(r -> Set.of("im-reporting", "pos-reporting", "root-cause-roadmaps", "cur-analytical-materials").contains(r.code()))
                .hasSize(4).allSatisfy(r -> assertThat(r.frequency()).isNull());
        assertThat(t.reports()).filteredOn(r -> Set.of("im-reporting", "pos-reporting", "root-cause-roadmaps").contains(r.code()))
                .allSatisfy(r -> assertThat(r.recipient()).isNull());
    }

    @Test
    void irkutskRatesTheWorkOfEachSystemApart() throws Exception {
        // «проводит рейтингование работы с обратной связью … в части работы системы «Инцидент менеджмент»» (п. 8, пп. 2),
        // «… в части работы системы «Платформа обратной связи»» (п. 9, пп. 2): ratings limited to their channel.
        JsonNode ratings = tree("irkutsk-district").path("ratings");
        assertThat(byCode(ratings, "im-feedback").path("channels")).extracting(JsonNode::asText).containsExactly("im");
        assertThat(byCode(ratings, "im-feedback").path("source").path("point").asText()).startsWith("Положение, п. 8, пп. 2");
        assertThat(byCode(ratings, "pos-feedback").path("channels")).extracting(JsonNode::asText).containsExactly("pos");
        assertThat(byCode(ratings, "pos-feedback").path("source").path("point").asText()).startsWith("Положение, п. 9, пп. 2");
        assertThat(byCode(ratings, "recipients").has("channels")).as("п. 11, пп. 2 rates every channel").isFalse();
        assertThat(each(ratings)).allSatisfy(r -> assertThat(each(r.path("criteria"))).noneSatisfy(c -> assertThat(c.has("weight")).isTrue()));
    }

    @Test
    void barnaulHasItsCuratorCoordinatorAndTheCityDistricts() throws Exception {
        MunicipalityTemplate t = load("barnaul");
        assertThat(t.profile().timeZone()).isEqualTo("Asia/Barnaul");
        // The curator approves the list of sector blocks; the head checks data quality and reports errors.
        assertThat(t.role("curator").orElseThrow().permissions()).contains("blocks.manage");
        assertThat(t.role("head").orElseThrow().permissions()).contains("data-quality.report");
        assertThat(t.role("coordinator")).isPresent();
        // The coordinator «обеспечивает взаимодействие МЦУ с органами …» (п. 4.4): coordination, no workflow step.
        assertThat(t.role("coordinator").orElseThrow().permissions()).containsExactlyInAnyOrder("message.view", "analytics.view");
        assertThat(t.regulations()).flatExtracting(Regulation::transitions).flatExtracting(Transition::roles).doesNotContain("coordinator");
        // Weights: the act gives none (п. 2.2.6).
        assertThat(t.ratings()).flatExtracting(MunicipalityTemplate.Rating::criteria).extracting(MunicipalityTemplate.Criterion::weight).containsOnlyNulls();
        // Heads of the city's district administrations answer for blocks: a territorial dimension.
        assertThat(t.profile().territories()).hasSize(5).allSatisfy(d -> assertThat(d.kind()).isEqualTo("city-district"));
        assertThat(t.blocks()).flatExtracting(MunicipalityTemplate.Block::recipients)
                .filteredOn(r -> r.kind().equals("district-administration")).hasSize(5)
                .allSatisfy(r -> assertThat(r.territory()).isNotNull());
        assertThat(t.ratings()).extracting(MunicipalityTemplate.Rating::subject).contains("digital-transformation");
    }

    @Test
    void nyuksenitsaHasItsAdministratorRatingAndPublicChannels() throws Exception {
        MunicipalityTemplate t = load("nyuksenitsa");
        assertThat(t.profile().timeZone()).isEqualTo("Europe/Moscow");
        // Администратор: information security and the platform.
        assertThat(t.role("administrator").orElseThrow().permissions()).contains("tenant.admin", "tenant.security");
        // Evaluation of departments by count, speed of reaction, completeness and quality.
        assertThat(t.ratings()).singleElement().satisfies(r -> assertThat(r.criteria())
                .extracting(MunicipalityTemplate.Criterion::code).containsExactlyInAnyOrder("count", "speed", "completeness", "quality"));
        // No weights in the act (п. 4.1, абз. 4): none in the template, the criteria count equally.
        assertThat(t.ratings()).flatExtracting(MunicipalityTemplate.Rating::criteria).extracting(MunicipalityTemplate.Criterion::weight).containsOnlyNulls();
        // The administrator «отвечает за надлежащую эксплуатацию технических и организационных средств МЦУ» (п. 3.6, абз. 2).
        assertThat(t.role("administrator").orElseThrow().source().point()).contains("п. 3.6");
        assertThat(t.channels()).extracting(Channel::kind).contains("pos", "incident-management", "municipal-system", "vote", "public-discussion");
        // The act names real people; the template names none of them, only positions.
        assertThat(t.roles()).allSatisfy(r -> assertThat(r.holder() == null ? "" : r.holder()).doesNotContainPattern("[А-Я]\\.\\s?[А-Я]\\."));
    }

    @Test
    void ishimMeetsAsACollegialBodyAndEscalatesToTheBlock() throws Exception {
        MunicipalityTemplate t = load("ishim");
        assertThat(t.profile().timeZone()).isEqualTo("Asia/Yekaterinburg");
        // Quorum: more than half of the members; majority of those present; one vote each; the chair decides a tie;
        // minutes signed by the chair and the secretary.
        var m = t.meetings();
        assertThat(m.forms()).containsExactlyInAnyOrder("in-person", "absentee", "remote");
        assertThat(m.quorum().moreThanShare()).isEqualTo(0.5);
        assertThat(m.decision()).isEqualTo("majority-of-present");
        assertThat(m.votesPerMember()).isEqualTo(1);
        assertThat(m.tieBreak()).isEqualTo("chair");
        assertThat(m.minutesSignedBy()).containsExactly("chair", "secretary");
        assertThat(t.role(m.chairRole()).orElseThrow().permissions()).contains("meeting.chair");
        assertThat(t.role(m.secretaryRole()).orElseThrow().permissions()).contains("meeting.record");
        // Heads of sector МЦУ escalate problems to the block's responsible; otherwise the act gives them analytics and
        // monitoring only (п. 1.3, абз. 4): escalation is their only step, and they hold no operational permission.
        assertThat(t.role("sector-mcu-head").orElseThrow().permissions()).contains("message.escalate")
                .doesNotContain("message.take", "message.assign", "message.set-deadline", "message.request-urgent", "message.return",
                        "message.approve", "message.publish");
        assertThat(t.regulations()).allSatisfy(r -> assertThat(step(r, "escalate").roles()).contains("sector-mcu-head"));
        assertThat(t.regulations()).flatExtracting(Regulation::transitions).filteredOn(s -> s.roles().contains("sector-mcu-head"))
                .extracting(Transition::action).containsOnly("escalate");
        // «руководитель дает согласие» on the ПОС (platform default): the руководитель МЦУ.
        assertThat(step(t.regulation("pos").orElseThrow(), "approve").roles()).containsExactly("head");
        // Directions «Информирование» and «Процессы и методология».
        assertThat(t.roles()).flatExtracting(MunicipalityTemplate.Role::permissions).contains("informing.publish", "roadmap.manage");
    }

    @Test
    void ishimsDeputyChairsInTheChairsAbsence() throws Exception {
        // «Руководитель МЦУ председательствует на заседаниях. В отсутствие руководителя или по его поручению функции
        // руководителя исполняет заместитель руководителя МЦУ» (п. 5.1, вводная строка).
        JsonNode meetings = tree("ishim").path("meetings");
        assertThat(meetings.path("chairRole").asText()).isEqualTo("head");
        assertThat(meetings.path("deputyChairRole").asText()).isEqualTo("deputy-head");
        MunicipalityTemplate t = load("ishim");
        assertThat(t.role("deputy-head").orElseThrow().permissions()).contains("meeting.chair");
        assertThat(t.role("deputy-head").orElseThrow().duties()).anySatisfy(d -> assertThat(d.source().point()).isEqualTo("Положение, п. 5.1, вводная строка"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void theFirstResponseCountsFromArrival(String slug) throws Exception {
        // «первичный ответ должен быть дан с указанием исполнения сроков в течение часа» (Регламент 002, п. 2.1, абз. 6):
        // every regulation whose channels have a first-response deadline starts it on arrival, and a reply-first step
        // meets it without moving the message.
        MunicipalityTemplate t = load(slug);
        JsonNode root = tree(slug);
        Set<String> withFirstResponse = new java.util.HashSet<>();
        for (Channel c : t.channels()) {
            if (t.policies(c.code()).stream().anyMatch(p -> p.kind().equals("first-response"))) {
                withFirstResponse.add(c.regulation());
            }
        }
        assertThat(withFirstResponse).isNotEmpty();
        for (String code : withFirstResponse) {
            JsonNode regulation = byCode(root.path("regulations"), code);
            assertThat(regulation.path("arrival").path("startsDeadlines")).extracting(JsonNode::asText).as(code).contains("first-response");
            assertThat(each(regulation.path("transitions"))).as(code).noneSatisfy(s -> assertThat(s.path("startsDeadline").asText()).isEqualTo("first-response"));
            JsonNode reply = each(regulation.path("transitions")).filter(s -> s.path("action").asText().equals("reply-first")).findFirst().orElseThrow();
            assertThat(reply.path("to").asText()).isEqualTo("same");
            assertThat(reply.path("requires")).extracting(JsonNode::asText).contains("answer");
            assertThat(reply.path("meetsDeadlines")).extracting(JsonNode::asText).containsExactly("first-response");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void noExecutorSeesEveryMessage(String slug) throws Exception {
        // An executor sees the messages he executes, with their personal data, and nothing else: the platform grants that.
        MunicipalityTemplate t = load(slug);
        assertThat(t.roles()).filteredOn(r -> r.code().equals("executor") || r.permissions().contains("message.answer"))
                .allSatisfy(r -> assertThat(r.permissions()).as(r.code()).doesNotContain("message.view", "message.view-personal-data"));
    }

    @Test
    void tashtagolsExecutorAndTechnicalOperatorHaveWhatTheActGives() throws Exception {
        MunicipalityTemplate t = load("tashtagol");
        assertThat(t.role("executor").orElseThrow().permissions()).containsExactlyInAnyOrder("message.answer", "message.answer-interim", "message.publish");
        // The technical operator is only named in the Состав: no duty, so no permission, and not the tenant's administrator.
        assertThat(t.role("technical-operator").orElseThrow().permissions()).isEmpty();
        // The head «отвечает за надлежащую техническую эксплуатацию информационных ресурсов МЦУ» (Положение, п. 10, пп. 13).
        assertThat(t.role("head").orElseThrow().permissions()).contains("tenant.admin");
        assertThat(t.role("head").orElseThrow().duties()).anySatisfy(d -> assertThat(d.source().point()).isEqualTo("Положение, п. 10, пп. 13"));
        // Analysis and monitoring only: the analyst, the curator and the editors take no step.
        assertThat(t.regulations()).flatExtracting(Regulation::transitions).flatExtracting(Transition::roles)
                .doesNotContain("analyst", "curator", "editor", "smm-manager", "technical-operator");
    }

    @Test
    void theTenantIsAdministeredOnlyByTheRoleItsActMakesRunTheMcu() throws Exception {
        Map<String, String> admins = Map.of("irkutsk-district", "head", "barnaul", "head", "tashtagol", "head",
                "nyuksenitsa", "administrator", "ishim", "responsible-executor");
        for (String slug : ALL) {
            assertThat(load(slug).roles()).filteredOn(r -> r.permissions().contains("tenant.admin"))
                    .extracting(MunicipalityTemplate.Role::code).as(slug).containsExactly(admins.get(slug));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void everyBorrowedRuleIsListedAndMarked(String slug) throws Exception {
        var validation = validation(slug);
        String own = validation.template().act().seed();
        List<Borrowing> borrowed = validation.borrowed();
        assertThat(borrowed).allSatisfy(b -> {
            assertThat(b.basis()).as(b.path()).isIn("platform-default", "other-act");
            assertThat(b.point()).as(b.path()).containsIgnoringCase("по умолчанию платформы");
        });
        // Complete: every source taken from another act, and every point that admits a platform default, is in the list.
        Set<String> listed = new java.util.HashSet<>(borrowed.stream().map(Borrowing::path).toList());
        for (var source : allSources(tree(slug), "")) {
            if (!source.getValue().path("seed").asText().equals(own) || source.getValue().path("point").asText().contains("по умолчанию платформы")) {
                assertThat(listed).as(source.getKey()).contains(source.getKey());
            }
        }
        if (!slug.equals("tashtagol")) {
            // The four borrow Tashtagol's procedures: their deadlines and regulations come from act 002.
            assertThat(borrowed).isNotEmpty().anySatisfy(b -> assertThat(b.path()).startsWith("/regulations/"))
                    .anySatisfy(b -> assertThat(b.path()).startsWith("/deadlinePolicies/"))
                    .allSatisfy(b -> assertThat(b.basis()).isNotEqualTo("act"));
        } else {
            // Tashtagol's own act lends the ИМ procedure to the channels it does not regulate.
            assertThat(borrowed).extracting(Borrowing::path).contains("/channels/4/regulationSource", "/channels/5/regulationSource",
                    "/channels/6/regulationSource");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void everyChannelNamesItsRegulation(String slug) throws Exception {
        JsonNode root = tree(slug);
        assertThat(each(root.path("channels")).filter(c -> !c.path("kind").asText().equals("analytics-integration")))
                .allSatisfy(c -> assertThat(c.path("regulation").isTextual()).as(c.path("code").asText()).isTrue());
        // Where the act does not give the channel a procedure, the channel says why it follows the one it does.
        assertThat(each(root.path("channels")).filter(c -> c.has("regulationSource")))
                .allSatisfy(c -> assertThat(c.path("regulationSource").path("basis").asText()).isEqualTo("platform-default"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void everySatisfactionWindowSaysWhatAnEndOnADayOffBecomes(String slug) throws Exception {
        // «если житель в течение двух дней не напишет комментарий, то ответ будет считаться готовым» (Регламент 002,
        // п. 2.1, абз. 5): the acts are silent on a last day off; the window keeps its calendar day, by platform default.
        MunicipalityTemplate t = load(slug);
        assertThat(t.deadlinePolicies()).filteredOn(p -> p.kind().equals("satisfaction-window")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.nonWorkingLastDay()).isEqualTo("keep"));
        assertThat(each(tree(slug).path("regulations")).filter(r -> r.has("satisfaction"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("satisfaction").path("nonWorkingLastDay").asText()).isEqualTo("keep"));
    }

    @Test
    void citationsCountParagraphsOneWay() throws Exception {
        // README «Как считаются абзацы»: абз. N is the N-th line after the point's number line.
        // Ishim, п. 1.3: «В МЦУ назначаются …» (вводная строка); абз. 1 куратор; абз. 2 ответственный исполнитель;
        // абз. 3 ответственные за отраслевые блоки; абз. 4 руководители отраслевых МЦУ.
        MunicipalityTemplate ishim = load("ishim");
        assertThat(ishim.role("sector-mcu-head").orElseThrow().source().point()).isEqualTo("Положение, п. 1.3, абз. 4");
        assertThat(ishim.role("block-responsible").orElseThrow().source().point()).isEqualTo("Положение, п. 1.3, абз. 3");
        assertThat(step(ishim.regulation("social").orElseThrow(), "escalate").source().point()).isEqualTo("Положение, п. 1.3, абз. 4");
        // Ishim, п. 5.1: «Руководитель МЦУ:» is абз. 1, «- координирует взаимодействие всех органов …» абз. 2.
        assertThat(ishim.role("head").orElseThrow().duties()).anySatisfy(d -> {
            assertThat(d.text()).startsWith("Координирует взаимодействие всех органов");
            assertThat(d.source().point()).isEqualTo("Положение, п. 5.1, абз. 2");
        });
        // Act 002, Регламент, п. 2.1: абз. 6 the first response in an hour, абз. 7 the ЦУР may change deadlines.
        assertThat(policy(ishim, "social-networks", "first-response").source().point()).contains("п. 2.1, абз. 6–7");
        assertThat(policy(ishim, "pos", "answer").source().point()).contains("п. 2.2, абз. 3");
        // Nyuksenitsa, п. 3.5: «- взаимодействует с гражданами через социальные сети …» is абз. 1.
        MunicipalityTemplate nyuksenitsa = load("nyuksenitsa");
        assertThat(nyuksenitsa.role("mcu-executor").orElseThrow().duties()).anySatisfy(d -> {
            assertThat(d.text()).startsWith("Взаимодействует с гражданами через социальные сети");
            assertThat(d.source().point()).isEqualTo("Положение, п. 3.5, абз. 1");
        });
        // Nyuksenitsa, п. 3.3: абз. 1 is «Деятельность МЦУ курирует …, который:», абз. 2 «- определяет основные направления …».
        assertThat(nyuksenitsa.role("curator").orElseThrow().duties().getFirst().source().point()).isEqualTo("Положение, п. 3.3, абз. 2");
        assertThat(policy(nyuksenitsa, "im", "satisfaction-window").source().point()).contains("п. 2.1, абз. 5");
        // Barnaul, разд. 3 counts after its heading: абз. 1 «МЦУ включает в себя:», абз. 2 the curator.
        MunicipalityTemplate barnaul = load("barnaul");
        assertThat(barnaul.role("curator").orElseThrow().source().point()).isEqualTo("Положение, разд. 3, абз. 2");
        assertThat(barnaul.role("staff").orElseThrow().source().point()).isEqualTo("Положение, разд. 3, абз. 6");
        // Tashtagol: numbered subpoints are «пп. N».
        assertThat(load("tashtagol").role("smm-manager").orElseThrow().duties()).anySatisfy(d ->
                assertThat(d.source().point()).isEqualTo("Положение, п. 14, пп. 6"));
        // No template still counts the number line, or uses «подп.» for a numbered subpoint.
        for (String slug : ALL) {
            assertThat(sources(load(slug))).extracting(MunicipalityTemplate.Source::point)
                    .noneSatisfy(p -> assertThat(p).containsPattern("подп\\. \\d"));
        }
    }

    @Test
    void allFiveAreShippedAndNoOtherIsHidden() throws Exception {
        List<String> shipped = new java.util.ArrayList<>();
        for (var resource : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath*:config-templates/municipalities/*.yaml")) {
            shipped.add(resource.getFilename());
        }
        assertThat(shipped).containsExactlyInAnyOrder("irkutsk-district.yaml", "barnaul.yaml", "tashtagol.yaml", "nyuksenitsa.yaml", "ishim.yaml");
    }
}

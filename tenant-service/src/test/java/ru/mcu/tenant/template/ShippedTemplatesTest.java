package ru.mcu.tenant.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        try (InputStream in = ShippedTemplatesTest.class.getClassLoader().getResourceAsStream("config-templates/municipalities/" + slug + ".yaml")) {
            var result = validator.validate(slug + ".yaml", in.readAllBytes());
            assertThat(result.problems()).as(slug).isEmpty();
            return result.template();
        }
    }

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
            // Only Tashtagol's regulation may stand in where an act is silent, and then the point says so.
            if (!source.seed().equals(t.act().seed())) {
                assertThat(source.seed()).isEqualTo(TASHTAGOL_SEED);
                assertThat(source.point()).containsIgnoringCase("по умолчанию");
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
        // Rating of responsible recipients by count, deadlines and completeness of answers.
        assertThat(t.ratings()).singleElement().satisfies(r -> {
            assertThat(r.subject()).isEqualTo("recipient");
            assertThat(r.criteria()).extracting(MunicipalityTemplate.Criterion::code).contains("volume", "timeliness", "completeness");
        });
        // Reports and materials to the ЦУР on request.
        assertThat(t.reports()).anySatisfy(r -> {
            assertThat(r.recipient()).contains("ЦУР");
            assertThat(r.frequency()).isEqualTo("on-request");
        });
    }

    @Test
    void barnaulHasItsCuratorCoordinatorAndTheCityDistricts() throws Exception {
        MunicipalityTemplate t = load("barnaul");
        assertThat(t.profile().timeZone()).isEqualTo("Asia/Barnaul");
        // The curator approves the list of sector blocks; the head checks data quality and reports errors.
        assertThat(t.role("curator").orElseThrow().permissions()).contains("blocks.manage");
        assertThat(t.role("head").orElseThrow().permissions()).contains("data-quality.report");
        assertThat(t.role("coordinator")).isPresent();
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
        // Heads of sector МЦУ escalate problems to the block's responsible.
        assertThat(t.role("sector-mcu-head").orElseThrow().permissions()).contains("message.escalate");
        assertThat(t.regulations()).allSatisfy(r -> assertThat(step(r, "escalate").roles()).contains("sector-mcu-head"));
        // Directions «Информирование» and «Процессы и методология».
        assertThat(t.roles()).flatExtracting(MunicipalityTemplate.Role::permissions).contains("informing.publish", "roadmap.manage");
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

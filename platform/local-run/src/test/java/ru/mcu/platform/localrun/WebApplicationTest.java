package ru.mcu.platform.localrun;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;

import ru.mcu.platform.testsupport.BrowserSession;

/**
 * The web application in a real browser (Debian's Chromium), through the real gateway and Keycloak,
 * used as the officials use it. A failing test leaves a screenshot of every window it had open in
 * target/browser-screenshots/.
 */
class WebApplicationTest {
    static Platform platform;
    static Chromium chromium;
    final List<Screen> screens = new ArrayList<>();

    @RegisterExtension
    final TestWatcher screenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (int i = 0; i < screens.size(); i++) {
                screens.get(i).screenshot(Path.of("target", "browser-screenshots", context.getRequiredTestMethod().getName() + "-" + i + ".png"));
            }
            closeWindows();
        }

        @Override
        public void testSuccessful(ExtensionContext context) {
            closeWindows();
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            closeWindows();
        }
    };

    @BeforeAll
    static void start() {
        platform = Platform.start(Platform.Options.forTests(Path.of("target", "browser-" + ProcessHandle.current().pid())));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
    }

    /** Called by the watcher, which JUnit runs after @AfterEach: a failure's windows are photographed before they close. */
    void closeWindows() {
        screens.forEach(Screen::close);
        screens.clear();
    }

    Screen window(int width, int height) {
        Screen screen = new Screen(chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setLocale("ru-RU").setTimezoneId("America/New_York")), platform.gatewayUrl());
        screens.add(screen);
        return screen;
    }

    /** A laptop's screen, the smallest the officials' offices have; the browser's zone is deliberately not the municipality's. */
    Screen laptop() {
        return window(1366, 768);
    }

    /**
     * Tashtagol's «Кузбасс Онлайн» regulation from arrival to the published answer, each step by the
     * role the act gives it: the responsible registers it by hand, takes it, sets its category and
     * gives it to an executor with a deadline; the executor answers with the result status.
     */
    @Test
    void aTashtagolMessageIsWalkedThroughItsRegulationByTheRolesInTurn() {
        String text = "Не убран снег во дворе дома 5 по улице Ленина " + UUID.randomUUID().toString().substring(0, 8);
        Screen responsible = laptop().logIn("tashtagol-ko-responsible", "demo");
        Page page = responsible.page;
        assertThat(page.getByTestId("zone")).containsText("Asia/Novokuznetsk UTC+07:00");

        responsible.menu("Новое сообщение");
        responsible.choose("Канал поступления", "Кузбасс Онлайн");
        page.getByLabel("Текст сообщения").fill(text);
        page.getByLabel("Заявитель (ФИО)").fill("Петрова Анна Сергеевна");
        responsible.assertAccessible("manual entry");
        responsible.button("Зарегистрировать");
        page.waitForURL(java.util.regex.Pattern.compile("/messages/[0-9a-f-]{36}$"));
        assertThat(page.getByText(text)).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Новое");
        String card = page.url();
        responsible.assertAccessible("message card");

        step(responsible, "Взять в работу");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Принято в работу");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Назначить категорию")).click();
        responsible.choose("Категория", "Благоустройство");
        responsible.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Назначены категория");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Назначить исполнителя")).click();
        responsible.choose("Исполнитель", "Исполнитель Демо");
        responsible.assertAccessible("the assign step's form");
        responsible.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("У исполнителя");

        // The executor finds it among their own and answers it.
        Screen executor = laptop().logIn("tashtagol-executor", "demo");
        executor.menu("Очередь");
        executor.page.getByText("Мои", new Page.GetByTextOptions().setExact(true)).click();
        executor.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(text)).click();
        executor.assertAccessible("the executor's card");
        executor.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Опубликовать")).click();
        // The step requires the text of the answer and the result status: without them the form says so at the fields.
        executor.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(executor.fieldError("Текст ответа")).containsText("Обязательное поле");
        executor.choose("Статус по результату", "Решено");
        executor.page.getByLabel("Текст ответа").fill("Снег во дворе убран 3 декабря, двор посыпан песком.");
        executor.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(executor.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Ответ опубликован");

        // The responsible sees the answer on the card, and the card's history names every step.
        page.navigate(card);
        assertThat(page.getByText("Снег во дворе убран 3 декабря")).isVisible();
        assertThat(page.getByText("Вашей роли сейчас нечего делать с этим сообщением")).isVisible();
        // Names from the template, not codes: the category, and the states each step moved between.
        assertThat(page.getByText("Благоустройство").first()).isVisible();
        assertThat(page.getByText("У исполнителя → Ответ опубликован", new Page.GetByTextOptions().setExact(false))).isVisible();
    }

    /** A file attached on the card is read (its text counted), downloadable by whoever may see personal data and only named to them; another goes with the answer. */
    @Test
    void aFileAttachedOnTheCardIsReadAndShownByThePersonalDataRule() {
        String text = "Течёт крыша в подъезде " + UUID.randomUUID().toString().substring(0, 8);
        Screen responsible = laptop().logIn("tashtagol-ko-responsible", "demo");
        responsible.menu("Новое сообщение");
        responsible.choose("Канал поступления", "Кузбасс Онлайн");
        responsible.page.getByLabel("Текст сообщения").fill(text);
        responsible.page.getByLabel("Заявитель (ФИО)").fill("Сидоров Пётр Ильич");
        responsible.button("Зарегистрировать");
        responsible.page.waitForURL(java.util.regex.Pattern.compile("/messages/[0-9a-f-]{36}$"));
        assertThat(responsible.page.getByText("Файлов нет")).isVisible();
        String card = responsible.page.url();

        Screen governor = laptop().logIn("tashtagol-governor-pages-responsible", "demo");
        governor.page.navigate(card);
        governor.page.getByLabel("Приложить файл:").setInputFiles(new com.microsoft.playwright.options.FilePayload("акт-осмотра.txt", "text/plain",
                "Акт осмотра кровли: протечка над вторым подъездом".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(governor.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("акт-осмотра.txt"))).isVisible();
        assertThat(governor.page.getByText("Текст извлечён")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(30_000));
        assertThat(governor.page.getByText("text/plain")).isVisible();
        governor.assertAccessible("the card's files");
        // A reply letter for the answer: marked so, for the connector that publishes the answer.
        governor.page.getByLabel("приложить к ответу (уйдёт заявителю вместе с ответом)").check();
        governor.page.getByLabel("Приложить файл:").setInputFiles(new com.microsoft.playwright.options.FilePayload("ответ-заявителю.txt", "text/plain",
                "Кровля над вторым подъездом отремонтирована".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(governor.page.getByRole(AriaRole.LISTITEM).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("ответ-заявителю.txt")))
                .containsText("К ответу");

        responsible.page.reload();
        assertThat(responsible.page.getByText("Файл (персональные данные заявителя скрыты)")).hasCount(2);
        assertThat(responsible.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("акт-осмотра.txt"))).hasCount(0);
    }

    private static void step(Screen screen, String action) {
        screen.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(action).setExact(true)).click();
        screen.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
    }

    /** Tashtagol's head adds a person, sees the one-time password, gives a role; a bad e-mail is refused next to its field. */
    @Test
    void anAdministratorAddsAPersonAndGivesARoleAndARefusalShowsAtItsField() {
        Screen head = laptop().logIn("tashtagol-head", "demo");
        Page page = head.page;
        head.menu("Сотрудники и роли");
        assertThat(page.getByText("tashtagol-executor")).isVisible();
        head.assertAccessible("staff");

        head.button("Добавить сотрудника");
        page.getByLabel("Фамилия").fill("Кузнецова");
        page.getByLabel("Имя").fill("Мария");
        page.getByLabel("Эл. почта (логин)").fill("не-адрес");
        head.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сохранить")).click();
        assertThat(head.fieldError("Эл. почта (логин)")).containsText("name@example.ru");

        String email = "kuznetsova-" + UUID.randomUUID().toString().substring(0, 6) + "@tashtagol.invalid";
        page.getByLabel("Эл. почта (логин)").fill(email);
        head.choose("Роли", "Исполнитель");
        head.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сохранить")).click();
        assertThat(page.getByText("Сотрудник добавлен")).isVisible();
        assertThat(page.getByTestId("temporary-password")).not().isEmpty();
        com.microsoft.playwright.Locator row = page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(email));
        assertThat(row).containsText("Исполнитель");

        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Изменить роли")).click();
        head.choose("Роли", "Аналитик");
        head.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сохранить")).click();
        assertThat(row).containsText("Аналитик");
    }

    /** The regional operator onboards a municipality from a platform template with the wizard, to the first administrator's password. */
    @Test
    void theOperatorOnboardsAMunicipalityWithTheWizard() {
        Screen operator = laptop().logIn("operator", "operator");
        Page page = operator.page;
        assertThat(page.getByText("Таштагольский")).isVisible();
        operator.assertAccessible("municipalities");
        operator.menu("Подключение муниципалитета");
        operator.choose("Шаблон муниципалитета", "Нюксен");
        operator.button("Далее");
        String slug = "nyuksen-web-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Код (латиницей, в адресах)").fill(slug);
        page.getByLabel("Официальное наименование").fill("Тестовый округ " + slug);
        page.getByLabel("Численность населения").fill("7500");
        page.getByLabel("Эл. почта первого администратора").fill("admin@" + slug + ".invalid");
        operator.button("Проверить");
        assertThat(page.getByText("Шаблон корректен")).isVisible();
        operator.assertAccessible("the onboarding check");
        operator.button("Подключить");
        assertThat(page.getByText("Муниципалитет подключён")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.getByTestId("admin-password")).not().isEmpty();
        assertThat(page.getByText("Муниципалитет работает")).isVisible();

        operator.menu("Муниципалитеты");
        assertThat(page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(slug))).containsText("работает");
    }

    /** The operator issues a connector (its secret shown once), rotates the secret, and revokes it. */
    @Test
    void theOperatorIssuesRotatesAndRevokesAConnector() {
        Screen operator = laptop().logIn("operator", "operator");
        Page page = operator.page;
        page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("ishim"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Подключения")).click();
        String name = "web-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Название").fill(name);
        page.getByLabel("Каналы").fill("fax");
        page.getByLabel("Каналы").press("Enter");
        page.getByLabel("Каналы").press("Escape"); // the tags select stays open over the button otherwise
        operator.button("Выпустить подключение");
        // A channel the municipality does not have is refused at the field.
        assertThat(operator.fieldError("Каналы")).not().isEmpty();
        page.locator(".ant-select-selection-item-remove").first().click();
        page.getByLabel("Каналы").fill("pos");
        page.getByLabel("Каналы").press("Enter");
        page.getByLabel("Каналы").press("Escape"); // the tags select stays open over the button otherwise
        operator.button("Выпустить подключение");
        String secret = page.getByTestId("connector-secret").textContent();
        assertThat(secret).isNotBlank();
        operator.assertAccessible("connectors");
        com.microsoft.playwright.Locator item = page.locator(".ant-list-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(name));

        item.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сменить секрет")).click();
        confirm(page, "Выпустить новый секрет?");
        assertThat(page.getByTestId("connector-secret")).not().hasText(secret);

        item.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Отозвать")).click();
        confirm(page, "Отозвать подключение?");
        assertThat(item).hasCount(0);
    }

    /** Answers «OK» in the confirmation that asks this question (an earlier one may still be fading out). */
    private static void confirm(Page page, String question) {
        page.locator(".ant-popconfirm").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(question))
                .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("OK")).click();
    }

    /** On a phone (390 px) the queue and the card fit the screen and the menu opens from its button. */
    /**
     * The municipality's administration beyond staff: a day of its own in the calendar (added,
     * shown with its level, removed), the mail server (a bad sender refused at the field, the
     * password never shown back), a history import followed to its report with a refused line
     * named, and the audit trail verified intact.
     */
    @Test
    void anAdministratorKeepsTheCalendarTheMailServerAnImportAndTheAuditTrail() throws Exception {
        Screen head = laptop().logIn("tashtagol-head", "demo");
        Page page = head.page;

        head.menu("Календарь");
        page.getByLabel("День").click();
        page.getByLabel("День").fill("15.01.2027");
        page.keyboard().press("Enter");
        head.choose("Вид дня", "нерабочий");
        page.getByLabel("Основание").fill("Постановление главы о нерабочем дне (проверка)");
        head.button("Отметить день");
        assertThat(page.getByText("Сроки пересчитаны").first()).isVisible();
        var day = page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("15.01.2027"));
        assertThat(day).containsText("нерабочий");
        assertThat(day).containsText("муниципальный");
        head.assertAccessible("the calendar");
        day.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Убрать")).click();
        confirm(page, "Убрать");
        assertThat(day).hasCount(0);

        head.menu("Почтовый сервер");
        page.getByLabel("Сервер SMTP").fill("127.0.0.1");
        page.getByLabel("Адрес отправителя").fill("не адрес");
        page.getByLabel("Пользователь").fill("mcu-notices");
        page.getByLabel("Пароль").fill("smtp-Secret-1");
        head.button("Сохранить");
        assertThat(head.fieldError("Адрес отправителя")).not().isEmpty();
        page.getByLabel("Адрес отправителя").fill("mcu@tashtagol.mcu.invalid");
        head.button("Сохранить");
        assertThat(page.getByText("Настройки сохранены")).isVisible();
        page.reload();
        assertThat(page.getByLabel("Сервер SMTP")).hasValue("127.0.0.1");
        assertThat(page.getByLabel("Пароль")).hasValue("");
        assertThat(page.getByText("Пароль сохранён; оставьте пустым, чтобы не менять")).isVisible();
        head.assertAccessible("the mail server");

        head.menu("Импорт истории");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.writeString(Files.createTempFile("history", ".csv"), "channel,externalId,receivedAt,text\n"
                + "kuzbass-online,hist-" + tag + "-1,2026-11-02T03:00:00Z,Яма на дороге у дома 3 " + tag + "\n"
                + "kuzbass-online,hist-" + tag + "-2,вчера,Не горит фонарь " + tag + "\n");
        page.locator("input[type=file]").setInputFiles(csv);
        head.button("Загрузить");
        page.waitForURL(java.util.regex.Pattern.compile("/admin/imports/[0-9a-f-]{36}$"));
        assertThat(page.getByText("завершён")).isVisible();
        assertThat(page.locator(".ant-descriptions")).containsText("2 / 2");
        var refused = page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("receivedAt"));
        assertThat(refused).containsText("3");
        head.assertAccessible("the import's report");

        head.menu("Журнал аудита");
        head.button("Проверить целостность");
        assertThat(page.getByText("Журнал цел")).isVisible();
        head.assertAccessible("the audit trail");
    }

    /**
     * The bell counts what is new for the person, the panel opens the message and marks it read;
     * a step on a message someone changed meanwhile shows its current state instead of failing.
     */
    @Test
    void theBellLeadsToTheMessageAndAStaleStepShowsWhatChanged() {
        String text = "Не вывезен мусор у дома 12 " + UUID.randomUUID().toString().substring(0, 8);
        BrowserSession responsible = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        responsible.logIn("tashtagol-ko-responsible", "demo");
        responsible.call("GET", "/api/me", null);
        BrowserSession.Page created = responsible.call("POST", "/api/messages", "{\"channel\":\"kuzbass-online\",\"text\":\"" + text + "\"}");
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = com.jayway.jsonpath.JsonPath.read(created.body(), "$.id");

        // Two windows of the responsible on the same card; the first takes it into work.
        Screen first = laptop().logIn("tashtagol-ko-responsible", "demo");
        first.page.navigate(platform.gatewayUrl() + "/messages/" + id);
        Screen second = laptop().logIn("tashtagol-ko-responsible", "demo");
        second.page.navigate(platform.gatewayUrl() + "/messages/" + id);
        assertThat(second.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Взять в работу").setExact(true))).isVisible();
        step(first, "Взять в работу");
        assertThat(first.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Принято в работу");
        step(second, "Взять в работу");
        assertThat(second.page.getByTestId("conflict")).containsText("Принято в работу");
        second.assertAccessible("a card after a conflict");

        // Given to the executor, who is told by the bell.
        first.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Назначить категорию")).click();
        first.choose("Категория", "Благоустройство");
        first.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(first.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Назначены категория");
        first.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Назначить исполнителя")).click();
        first.choose("Исполнитель", "Исполнитель Демо");
        first.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(first.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("У исполнителя");

        Screen executor = laptop().logIn("tashtagol-executor", "demo");
        executor.page.getByTestId("bell").click();
        var notice = executor.page.locator(".ant-drawer-open .ant-list-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(text));
        assertThat(notice).hasCount(1);
        executor.assertAccessible("the notifications panel");
        notice.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Прочитано")).click();
        assertThat(notice).hasCount(0);
        executor.page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Только непрочитанные")).click();
        assertThat(notice).hasCount(1);
        notice.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("К сообщению")).click();
        executor.page.waitForURL(platform.gatewayUrl() + "/messages/" + id);
        // The card, not the queue it came from, and the panel closed on the way.
        assertThat(executor.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("У исполнителя");
        assertThat(executor.page.locator(".ant-drawer-open")).hasCount(0);
        assertThat(executor.page.locator("main").getByText(text)).isVisible();
    }

    /**
     * A newer version of a working municipality's template: the same version changes nothing, a
     * file with errors is refused with its problems by line, a newer one shows its diff and is
     * applied after a confirmation.
     */
    /** The dashboard counts a message the moment it comes in, and each of its slices opens the queue behind it. */
    @Test
    void theDashboardCountsANewMessageAndLeadsToTheMessagesBehindAFigure() {
        Screen head = laptop().logIn("tashtagol-head", "demo");
        Page page = head.page;
        head.menu("Аналитика");
        var received = page.getByTestId("measure-received").locator(".ant-statistic-content-value");
        assertThat(received).isVisible();
        int before = Integer.parseInt(received.textContent().trim());
        assertThat(page.getByTestId("analytics-previous")).containsText("В сравнении с предыдущим периодом");
        head.assertAccessible("the dashboard");
        // Exports are made in the background: the progress shows, then the document is downloaded.
        page.getByText("Выгрузить в Excel").click();
        com.microsoft.playwright.Download workbook = page.waitForDownload(() -> page.getByTestId("report-download").click());
        org.assertj.core.api.Assertions.assertThat(workbook.suggestedFilename()).startsWith("аналитика-tashtagol-").endsWith(".xlsx");
        org.assertj.core.api.Assertions.assertThat(workbook.failure()).isNull();
        page.getByText("Отчёт PDF").click();
        assertThat(page.getByTestId("report-download")).isVisible();
        com.microsoft.playwright.Download report = page.waitForDownload(() -> page.getByTestId("report-download").click());
        org.assertj.core.api.Assertions.assertThat(report.suggestedFilename()).endsWith(".pdf");
        org.assertj.core.api.Assertions.assertThat(report.failure()).isNull();

        String text = "Не работает уличное освещение " + UUID.randomUUID().toString().substring(0, 8);
        BrowserSession responsible = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        responsible.logIn("tashtagol-ko-responsible", "demo");
        responsible.call("GET", "/api/me", null);
        BrowserSession.Page created = responsible.call("POST", "/api/messages", "{\"channel\":\"kuzbass-online\",\"text\":\"" + text
                + "\",\"latitude\":52.76543,\"longitude\":87.88765}");
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);

        // Intake queues the message for analytics, which counts it moments later: the head reloads until it shows.
        for (int attempt = 0; attempt < 20 && !received.textContent().trim().equals(String.valueOf(before + 1)); attempt++) {
            page.waitForTimeout(500);
            page.reload();
            received.waitFor();
        }
        assertThat(received).hasText(String.valueOf(before + 1));
        assertThat(page.getByTestId("heat-map")).containsText("Категория");
        assertThat(page.getByTestId("workload")).containsText("По исполнителям");
        // The new message had coordinates: a point on the map (no base layer), listed in its table too.
        assertThat(page.getByTestId("places-located")).containsText("С координатами");
        assertThat(page.getByTestId("places-map")).containsText("87.888");
        assertThat(page.getByTestId("places-map").locator("[data-ready=true] canvas")).isVisible();
        head.assertAccessible("the dashboard with its heat map and map");
        page.locator(".ant-segmented").getByText("По неделям").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*trend=week.*"));
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Каналы")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Кузбасс Онлайн")).first().click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/queue\\?.*channel=kuzbass-online.*"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(text))).isVisible();

        // Barnaul's template has two ratings: its recipients' by three criteria, and one the platform has no data for.
        Screen barnaul = laptop().logIn("barnaul-head", "demo");
        barnaul.menu("Аналитика");
        assertThat(barnaul.page.getByTestId("rating-recipients")).containsText("количество обращений");
        assertThat(barnaul.page.getByTestId("rating-recipients")).containsText("Балл");
        assertThat(barnaul.page.getByTestId("rating-digital-transformation").getByRole(AriaRole.ALERT)).containsText("не ведёт данных");
        barnaul.assertAccessible("the dashboard's ratings");
    }

    /** The Irkutsk district's head makes a roadmap (the act names no approver: adopted as made) and marks its measure done. */
    @Test
    void theHeadMakesARoadmapAndMarksAMeasureDone() {
        Screen head = laptop().logIn("irkutsk-district-head", "demo");
        Page page = head.page;
        head.menu("Дорожные карты");
        String title = "Ямочный ремонт " + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Название", new Page.GetByLabelOptions().setExact(true)).fill(title);
        page.getByLabel("Первопричина").fill("Дороги не ремонтируются после зимы: нет плана работ");
        head.choose("Категория", "дороги");
        page.getByLabel("Мера 1").fill("Составить план ямочного ремонта");
        head.choose("Ответственный", "Комитет по управлению муниципальным имуществом");
        // The date typed and confirmed with Enter, which also sends the form, as it would for a person.
        page.getByLabel("Срок (Asia/Irkutsk)").fill("15.01.2027");
        page.keyboard().press("Enter");
        var row = page.getByTestId("roadmaps").locator("tr.ant-table-row").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(title));
        assertThat(row).containsText("Принята");
        assertThat(row).containsText("0 из 1");
        assertThat(row).containsText("дороги · все территории");
        head.assertAccessible("the roadmaps");
        head.choose("Состояние меры «Составить план ямочного ремонта»", "Выполнена");
        assertThat(row).containsText("1 из 1");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Меры дорожной карты «" + title + "»"))).containsText("за 30 дн. до");
    }

    /**
     * Two citizens tell of one unlit streetlight: the second message's card proposes the first as its likely
     * repeat, saying why; the responsible confirms them as one incident, takes it into work once for both,
     * and splits it again.
     */
    @Test
    void theCardProposesTheMessageItLikelyRepeatsAndTheyAreHandledAsOneIncident() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        BrowserSession responsible = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        responsible.logIn("tashtagol-ko-responsible", "demo");
        responsible.call("GET", "/api/me", null);
        String first = "Не горит фонарь у дома 7 по улице Советской, вечером темно, страшно ходить " + tag;
        BrowserSession.Page a = responsible.call("POST", "/api/messages", "{\"channel\":\"kuzbass-online\",\"text\":\"" + first
                + "\",\"latitude\":52.77012,\"longitude\":87.86441}");
        org.assertj.core.api.Assertions.assertThat(a.status()).as(a.body()).isEqualTo(201);
        BrowserSession.Page b = responsible.call("POST", "/api/messages", "{\"channel\":\"kuzbass-online\",\"text\":\"На Советской 7 фонарь "
                + "не работает уже неделю, темнота\",\"latitude\":52.77030,\"longitude\":87.86460}");
        org.assertj.core.api.Assertions.assertThat(b.status()).as(b.body()).isEqualTo(201);

        Screen screen = laptop().logIn("tashtagol-ko-responsible", "demo");
        Page page = screen.page;
        page.navigate(platform.gatewayUrl() + "/messages/" + com.jayway.jsonpath.JsonPath.read(b.body(), "$.id"));
        var proposals = page.getByTestId("duplicates");
        var proposed = proposals.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(first));
        assertThat(proposed).isVisible();
        assertThat(proposals).containsText("те же номера: 7");
        assertThat(proposals).containsText("м друг от друга");
        screen.assertAccessible("a card with its likely repeats");

        // The responsible confirms it: one incident, taken into work once for both, then split again.
        proposals.getByLabel("Объединить с этим сообщением: " + first).check();
        screen.button("Объединить в инцидент");
        var incident = page.getByTestId("incident");
        assertThat(incident.locator(".ant-list-item")).hasCount(2);
        screen.assertAccessible("a card in an incident");
        incident.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Взять в работу — для всего инцидента")).click();
        screen.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Выполнить")).click();
        assertThat(page.getByText("Выполнено для 2 сообщений инцидента")).isVisible();
        assertThat(incident.locator(".ant-list-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Принято в работу")))
                .hasCount(2);
        incident.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(first)).click();
        page.waitForURL(platform.gatewayUrl() + "/messages/" + com.jayway.jsonpath.JsonPath.read(a.body(), "$.id"));
        assertThat(page.locator("main").getByText(first).first()).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("Принято в работу");
        page.getByTestId("incident").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Отделить")).first().click();
        assertThat(page.getByText("Сообщение отделено от инцидента")).isVisible();
        assertThat(page.getByTestId("incident")).hasCount(0);
    }

    /**
     * Tashtagol's SMM manager, whose duty the act makes the forecast, sees the weeks ahead with their
     * interval and the backtest's error, in all and per channel; nine weeks of the «Инцидент менеджмент»
     * system's messages come in first (17 a week, all of potholes in Шерегеш), as its connector would send
     * a backlog; the dashboard then shows them as a problem that keeps coming back.
     */
    @Test
    void theSmmManagerSeesTheWeeksAheadWithTheirIntervalAndTheBacktestsError() throws Exception {
        BrowserSession operator = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        operator.logIn("operator", "operator");
        Connector connector = Connector.issue(platform, operator, "tashtagol", List.of("im"));
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Novokuznetsk");
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        StringBuilder batch = new StringBuilder();
        for (java.time.LocalDate day = today.with(java.time.DayOfWeek.MONDAY).minusWeeks(9); day.isBefore(today); day = day.plusDays(1)) {
            int n = day.getDayOfWeek().getValue() >= 6 ? 1 : 3;
            for (int i = 0; i < n; i++) {
                batch.append(batch.isEmpty() ? "" : ",").append("{\"channel\":\"im\",\"externalId\":\"forecast-").append(UUID.randomUUID())
                        .append("\",\"receivedAt\":\"").append(day.atTime(9 + i, 0).atZone(zone).toInstant())
                        .append("\",\"text\":\"Яма на дороге к подъёмнику\",\"category\":\"roads\",\"territory\":\"sheregesh\"}");
            }
        }
        var sent = connector.post("/api/intake/messages/batch", "{\"messages\":[" + batch + "]}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        Screen smm = laptop().logIn("tashtagol-smm-manager", "demo");
        Page page = smm.page;
        smm.menu("Прогноз обращений");
        // Analytics counts the backlog moments after it came in: reload until the weeks ahead are there.
        var weeks = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Недели прогноза")).locator("tbody .ant-table-row");
        for (int attempt = 0; attempt < 20 && weeks.count() < 4; attempt++) {
            page.waitForTimeout(500);
            page.reload();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Прогноз обращений")).waitFor();
        }
        assertThat(weeks).hasCount(4);
        assertThat(weeks.first()).containsText(today.with(java.time.DayOfWeek.MONDAY).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM")));
        assertThat(page.getByTestId("backtest")).containsText("Проверка на истории муниципалитета");
        assertThat(page.getByTestId("backtest")).containsText("как за последние 7 дней");
        assertThat(page.getByText("Недели — с понедельника по воскресенье, по времени муниципалитета (Asia/Novokuznetsk)")).isVisible();
        smm.assertAccessible("the forecast");

        page.locator(".ant-segmented").getByText("По каналам").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/analytics/forecast\\?.*by=channel.*"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Система «Инцидент менеджмент»")).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*series=im.*"));
        assertThat(page.getByText("Прогноз: Система «Инцидент менеджмент»")).isVisible();
        page.locator(".ant-segmented").getByText("8 нед.").click();
        assertThat(weeks).hasCount(8);
        smm.assertAccessible("the forecast per channel");

        // Nine weeks of potholes in one settlement: on the dashboard a problem that keeps coming back.
        smm.menu("Аналитика");
        var recurring = page.getByTestId("recurring").locator("tbody .ant-table-row")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Шерегешское городское поселение"));
        assertThat(recurring).hasCount(1);
        assertThat(recurring).containsText("Дорожная инфраструктура");
        assertThat(recurring).containsText("повторяется: сообщения в ");
        recurring.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Дорожная инфраструктура")).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/queue\\?.*category=roads.*"));
    }

    /** Tashtagol's head sets where the weekly report to the head goes (a bad address refused at its field) and makes it. */
    @Test
    void theHeadAddressesAndMakesAReportingDuty() {
        Screen head = laptop().logIn("tashtagol-head", "demo");
        Page page = head.page;
        head.menu("Отчётность");
        var duty = page.getByTestId("duties").locator(".ant-table-row").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Еженедельное информирование"));
        assertThat(duty).containsText("еженедельно");
        assertThat(duty).containsText("Глава Таштагольского муниципального района");
        head.assertAccessible("the reporting duties");
        duty.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Адреса")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        var emails = dialog.getByLabel("Адреса рассылки");
        emails.fill("glava");
        emails.press("Enter");
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("OK")).click();
        assertThat(dialog.locator(".ant-form-item-explain-error")).containsText("не адрес электронной почты");
        dialog.locator(".ant-select-selection-item-remove").first().click();
        emails.fill("glava@tashtagol.example");
        emails.press("Enter");
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("OK")).click();
        assertThat(duty).containsText("glava@tashtagol.example");

        duty.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сформировать")).click();
        page.getByRole(AriaRole.DIALOG).getByText("Отправить получателям").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Сформировать")).click();
        var made = page.getByTestId("reports-made").locator(".ant-table-row").first();
        assertThat(made).containsText("Еженедельное информирование");
        assertThat(made.getByTestId("report-download")).isVisible();
        assertThat(made).containsText("отправлен");
        com.microsoft.playwright.Download pdf = page.waitForDownload(() -> made.getByTestId("report-download").click());
        org.assertj.core.api.Assertions.assertThat(pdf.suggestedFilename()).startsWith("weekly-head-tashtagol-").endsWith(".pdf");
        head.assertAccessible("the reports made");
    }

    /**
     * The regional ЦУР's analyst compares the municipalities of their region, and no other region's; the
     * federal methodologist first sees the regions side by side and opens one to see its municipalities.
     */
    @Test
    void theRegionalAnalystComparesTheirRegionsMunicipalities() {
        registered("tashtagol-ko-responsible", "kuzbass-online");
        registered("barnaul-staff", "im");
        Screen analyst = laptop().logIn("analyst-kuzbass", "analyst");
        Page page = analyst.page;
        page.waitForURL(java.util.regex.Pattern.compile(".*/regional.*"));
        var rows = page.locator(".ant-table-row");
        assertThat(rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Таштагол"))).hasCount(1);
        assertThat(rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Барнаул"))).hasCount(0);
        assertThat(page.getByText("Только итоговые показатели")).isVisible();
        rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Таштагол")).locator(".ant-table-row-expand-icon").click();
        assertThat(page.getByTestId("ranks")).containsText("Доля в срок");
        assertThat(page.getByTestId("categories-tashtagol")).containsText("Категории по месяцам");
        assertThat(page.getByTestId("categories-tashtagol").locator("canvas")).isVisible();
        analyst.assertAccessible("the regional comparison");

        Screen methodologist = laptop().logIn("methodologist", "methodologist");
        Page country = methodologist.page;
        country.waitForURL(java.util.regex.Pattern.compile(".*/regional.*"));
        assertThat(country.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Сравнение регионов"))).isVisible();
        var regions = country.locator(".ant-table-row");
        assertThat(regions.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("22 — Алтайский край"))).hasCount(1);
        assertThat(regions.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("42 — Кемеровская область – Кузбасс"))).hasCount(1);
        assertThat(regions.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Таштагол"))).hasCount(0);
        methodologist.assertAccessible("the regions side by side");
        country.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("42 — Кемеровская область – Кузбасс")).click();
        country.waitForURL(java.util.regex.Pattern.compile(".*region=42.*"));
        var kuzbass = country.locator(".ant-table-row");
        assertThat(kuzbass.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Таштагол"))).hasCount(1);
        assertThat(kuzbass.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Барнаул"))).hasCount(0);
    }

    /** A message registered by a demo person of a municipality, by hand, in the channel given: something for the region's figures. */
    private static void registered(String login, String channel) {
        BrowserSession staff = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        staff.logIn(login, "demo");
        staff.call("GET", "/api/me", null);
        BrowserSession.Page created = staff.call("POST", "/api/messages", "{\"channel\":\"" + channel + "\",\"text\":\"Для сравнения муниципалитетов\"}");
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /**
     * The regional operator loads Kuzbass's outlines (a faulty file first, which is refused naming its
     * fault and changes nothing), and the region's analyst sees Tashtagol filled on the choropleth.
     */
    @Test
    void theOperatorLoadsARegionsOutlinesAndTheAnalystSeesTheChoropleth() throws Exception {
        registered("tashtagol-ko-responsible", "kuzbass-online");
        Screen operator = laptop().logIn("operator", "operator");
        Page page = operator.page;
        operator.menu("Границы муниципалитетов");
        page.getByLabel("Код региона").fill("42");
        operator.button("Показать");
        var tashtagol = page.getByTestId("boundaries-table").getByRole(AriaRole.ROW)
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Таштагол"));
        assertThat(tashtagol).hasCount(1);
        String square = "[[[87.3,52.2],[88.8,52.2],[88.8,53.2],[87.3,53.2],[87.3,52.2]]]";
        Path open = Files.writeString(Files.createTempFile("kuzbass-open", ".geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"municipality\":\"tashtagol\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + square.replace(",[87.3,52.2]]]", "]]") + "}}]}");
        page.locator("input[type=file]").setInputFiles(open);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("не замкнуто");
        assertThat(tashtagol).containsText("нет");
        Path good = Files.writeString(Files.createTempFile("kuzbass", ".geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"municipality\":\"tashtagol\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + square + "}}]}");
        page.locator("input[type=file]").setInputFiles(good);
        assertThat(page.getByText("принят")).isVisible();
        assertThat(tashtagol).containsText("загружена");
        operator.assertAccessible("the outlines");

        Screen analyst = laptop().logIn("analyst-kuzbass", "analyst");
        analyst.page.waitForURL(java.util.regex.Pattern.compile(".*/regional.*"));
        var map = analyst.page.getByTestId("choropleth-map");
        // WebGL in software on two shared cores: the map's first frame may take seconds.
        assertThat(map).hasAttribute("data-painted", "1", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(analyst.page.getByTestId("choropleth-legend")).containsText("нет значения");
        analyst.choose("Показатель", "На 10 000 жителей");
        assertThat(analyst.page.getByTestId("choropleth-class")).hasCount(1);
        analyst.assertAccessible("the choropleth");
    }

    @Test
    void theOperatorSeesANewerTemplatesDiffAndReappliesIt() throws Exception {
        Screen operator = laptop().logIn("operator", "operator");
        Page page = operator.page;
        page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("nyuksenitsa"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Шаблон")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("nyuksenitsa");

        operator.choose("Шаблон платформы", "Нюксенский муниципальный округ");
        operator.button("Показать изменения");
        assertThat(page.getByText("Шаблон не меняет конфигурацию муниципалитета.")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Применить"))).isDisabled();
        operator.assertAccessible("the template screen");

        String shipped = java.nio.file.Files.readString(Path.of("..", "..", "config-templates", "municipalities", "nyuksenitsa.yaml"));
        int version = Integer.parseInt(shipped.replaceAll("(?s).*?\nversion: (\\d+).*", "$1"));
        Path broken = Files.writeString(Files.createTempFile("nyuksenitsa-broken", ".yaml"), shipped.replaceFirst("\nversion: \\d+", "\nversion: вторая"));
        page.locator("input[type=file]").setInputFiles(broken);
        operator.button("Показать изменения");
        assertThat(page.getByText("Шаблон содержит ошибки").first()).isVisible();
        assertThat(page.locator(".ant-table").last()).containsText("version");

        String newer = shipped.replaceFirst("\nversion: \\d+", "\nversion: " + (version + 1))
                .replace("name: Платформа обратной связи «Госуслуги. Решаем вместе» (ПОС)", "name: ПОС «Госуслуги. Решаем вместе»");
        Path file = Files.writeString(Files.createTempFile("nyuksenitsa-newer", ".yaml"), newer);
        page.locator("input[type=file]").setInputFiles(file);
        operator.button("Показать изменения");
        assertThat(page.getByTestId("template-versions")).containsText("Версия шаблона: " + version + " → " + (version + 1));
        assertThat(page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Каналы")))
                .containsText("pos: name");
        operator.assertAccessible("the template's diff");
        operator.button("Применить");
        confirm(page, "Применить шаблон?");
        assertThat(page.getByText("Шаблон применён: версия шаблона " + (version + 1))).isVisible();
    }

    /**
     * «Инцидент менеджмент» to the citizen's verdict: the message comes in from the simulator of the
     * external systems, the МЦУ's people do their steps (through the API here; the screens for them
     * are walked above), and the ЦУР's curators approve and send it for the citizen's verdict in the
     * simulator, which shows each step's outcome and what waits next.
     */
    @Test
    void theSimulatorPlaysTheRegionalCentreToTheEndOfTheIncidentManagementRegulation() {
        String text = "Сломана скамейка у школы № 3 " + UUID.randomUUID().toString().substring(0, 8);
        Screen outside = laptop();
        Page sim = outside.page;
        sim.navigate(platform.simulatorUrl());
        assertThat(sim.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("ИМИТАТОР ВНЕШНИХ СИСТЕМ"))).isVisible();
        outside.assertAccessible("the external systems simulator");
        var tashtagol = sim.locator("section[aria-labelledby='m-tashtagol']");
        tashtagol.getByLabel("Канал").selectOption("im");
        tashtagol.getByLabel("Текст").fill(text);
        tashtagol.getByLabel("Заявитель").fill("Кузнецов Иван Ильич");
        tashtagol.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Отправить в МЦУ")).click();
        assertThat(sim.getByRole(AriaRole.STATUS)).containsText("Сообщение отправлено в МЦУ");

        BrowserSession responsible = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        responsible.logIn("tashtagol-im-responsible", "demo");
        String found = responsible.call("GET", "/api/messages?q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8), null).body();
        String id = com.jayway.jsonpath.JsonPath.read(found, "$.items[0].id");
        BrowserSession executor = new BrowserSession(java.net.URI.create(platform.gatewayUrl()));
        executor.logIn("tashtagol-executor", "demo");
        executor.call("GET", "/api/me", null); // the page's first call brings the CSRF cookie
        step(responsible, id, "take-into-work", "{}");
        step(responsible, id, "assign", "{\"executor\":\"tashtagol-executor\",\"deadline\":\""
                + java.time.Instant.now().plus(2, java.time.temporal.ChronoUnit.DAYS).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
        step(executor, id, "answer", "{\"answer\":\"Скамейка заменена 3 декабря.\"}");
        step(responsible, id, "submit-for-approval", "{}");

        // The ЦУР's curators, in the simulator: the message waits on their approval, then on the check.
        sim.reload();
        var row = tashtagol.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(text));
        assertThat(row).containsText("На согласовании в системе «Инцидент менеджмент»");
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Согласовать (ЦУР)")).click();
        assertThat(sim.getByRole(AriaRole.STATUS)).containsText("Выполнено: «Согласовать (ЦУР)»");
        assertThat(row).containsText("Согласовано кураторами ЦУР Кузбасса");
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Отправить на оценку удовлетворённости (ЦУР)")).click();
        assertThat(row).containsText("На оценке удовлетворенности");
        // Now the citizen may still say it is not solved: the simulator offers that, with the comment it requires.
        assertThat(row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Вернуть в работу (житель)"))).isVisible();
        outside.assertAccessible("the simulator with a message waiting on the citizen");

        Screen card = laptop().logIn("tashtagol-im-responsible", "demo");
        card.page.navigate(platform.gatewayUrl() + "/messages/" + id);
        assertThat(card.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).containsText("На оценке удовлетворенности");
    }

    private static void step(BrowserSession who, String id, String action, String body) {
        BrowserSession.Page done = who.call("POST", "/api/messages/" + id + "/actions/" + action, body);
        org.assertj.core.api.Assertions.assertThat(done.status()).as(action + ": " + done.body()).isEqualTo(200);
    }

    /**
     * The platform's own Keycloak theme: one Russian form with the login and the password together
     * (Keycloak's organization step alone would ask for them on two pages), a refusal next to the
     * field, accessible, usable on a phone; the right password then opens the application at once.
     */
    @Test
    void theLoginPageIsOneRussianFormWithLoginAndPassword() {
        Screen screen = window(390, 844);
        screen.page.navigate(platform.gatewayUrl() + "/queue");
        assertThat(screen.page.locator("html")).hasAttribute("lang", "ru");
        assertThat(screen.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Вход в систему"))).isVisible();
        assertThat(screen.page.getByText("Платформа МЦУ")).isVisible();
        assertThat(screen.page.getByLabel("Логин или электронная почта")).isVisible();
        assertThat(screen.page.getByLabel("Пароль")).isVisible();
        screen.assertNoSidewaysScroll();
        screen.assertAccessible("the login page");

        screen.page.getByLabel("Логин или электронная почта").fill("tashtagol-head");
        screen.page.getByLabel("Пароль").fill("not-the-password");
        screen.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Вход")).click();
        assertThat(screen.page.locator("#input-error")).hasText("Неверный логин или пароль.");
        assertThat(screen.page.getByLabel("Пароль")).hasAttribute("aria-invalid", "true");
        screen.assertAccessible("the login page with a refusal");

        screen.page.getByLabel("Пароль").fill("demo");
        screen.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Вход")).click();
        assertThat(screen.page.getByTestId("queue-total")).containsText("Найдено");
        assertThat(screen.page.url()).startsWith(platform.gatewayUrl() + "/queue");
    }

    @Test
    void onAPhoneTheQueueAndTheCardAreUsable() {
        Screen phone = window(390, 844).logIn("tashtagol-head", "demo");
        phone.menu("Очередь");
        assertThat(phone.page.getByTestId("queue-total")).containsText("Найдено");
        phone.assertNoSidewaysScroll();
        phone.assertAccessible("the queue on a phone");
        var first = phone.page.locator(".ant-list-item a").first();
        if (first.count() > 0) {
            first.click();
            assertThat(phone.page.getByText("Сроки", new Page.GetByTextOptions().setExact(true))).isVisible();
            phone.assertNoSidewaysScroll();
        }
        assertThat(phone.page.url()).startsWith(platform.gatewayUrl());
    }
}

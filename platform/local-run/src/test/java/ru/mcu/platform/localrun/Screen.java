package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;

/** One person's browser window on the platform, with the moves a user makes: log in, pick from a list, check accessibility. */
final class Screen implements AutoCloseable {
    private static final Path AXE = Path.of("..", "..", "gateway", "src", "main", "frontend", "node_modules", "axe-core", "axe.min.js");

    final BrowserContext context;
    final Page page;
    final String gateway;

    Screen(BrowserContext context, String gateway) {
        this.context = context;
        this.page = context.newPage();
        this.gateway = gateway;
        page.setDefaultTimeout(15_000);
    }

    /** At Keycloak's login page, as a person types: the username (and the password, on the same or the next page). */
    Screen logIn(String username, String password) {
        page.navigate(gateway + "/");
        page.locator("#username").fill(username);
        if (page.locator("#password").isVisible()) {
            page.locator("#password").fill(password);
            page.locator("#kc-login").click();
        } else {
            page.locator("#kc-login").click();
            page.locator("#password").fill(password);
            page.locator("#kc-login").click();
        }
        page.waitForURL(url -> url.startsWith(gateway));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Выйти")).waitFor();
        return this;
    }

    void menu(String item) {
        Locator link = page.getByRole(AriaRole.MENU).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(item).setExact(true)).first();
        if (!link.isVisible()) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Меню")).first().click();
        }
        link.click();
    }

    void button(String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
    }

    /** Ant Design's select: open it by its label, type to filter, pick the option. */
    void choose(String label, String option) {
        Locator field = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        field.click();
        if (field.isEditable()) {
            // A searchable select: typing narrows a long list, whose far options are not rendered until scrolled to.
            field.fill(option);
        }
        // This select's own drop-down (its listbox is the one the field controls): another select's,
        // still closing, must not take the click.
        String list = field.getAttribute("aria-controls");
        Locator open = list == null ? page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")
                : page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").filter(new Locator.FilterOptions()
                        .setHas(page.locator("[id='" + list + "']")));
        // The option named exactly so where there is one (a category «дороги» beside a block whose name lists it), else the first containing it.
        // The pattern runs in the browser, whose regular expressions know no \Q…\E: special characters are escaped one by one.
        open.locator(".ant-select-item-option").filter(new Locator.FilterOptions().setHasText(option)).first().waitFor();
        Locator exact = open.locator(".ant-select-item-option").filter(new Locator.FilterOptions()
                .setHasText(java.util.regex.Pattern.compile("^\\s*" + option.replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\$1") + "\\s*$")));
        (exact.count() > 0 ? exact : open.locator(".ant-select-item-option").filter(new Locator.FilterOptions().setHasText(option))).first().click();
        if (open.isVisible()) {
            // A multiple select stays open after a pick: a click beside it, on the dialog's or the page's title, closes it.
            Locator dialogs = page.locator(".ant-modal-title");
            (dialogs.count() > 0 ? dialogs.last() : page.locator("h2").first()).click();
        }
        open.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
    }

    /** The dialog open now (a step's form, a confirmation). */
    Locator dialog() {
        return page.getByRole(AriaRole.DIALOG).last();
    }

    /** The message shown under a form field, as Ant Design shows a field's error. */
    Locator fieldError(String label) {
        Locator item = page.locator(".ant-form-item").filter(new Locator.FilterOptions().setHas(page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))));
        return item.locator(".ant-form-item-explain-error");
    }

    /** axe-core in the page: the screen has no serious or critical WCAG 2 A/AA violation. */
    void assertAccessible(String screen) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        // Colours checked as they settle, not halfway through a transition (the library's motion ends on transitionend,
        // so transitions cannot simply be switched off).
        page.waitForTimeout(500);
        try {
            // Evaluated through the DevTools protocol: the page's CSP (scripts from the gateway only) stays as it is.
            page.evaluate(Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is installed with the web application's dev dependencies: " + AXE, e);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate(
                // Ant Design keeps an unnamed, visually hidden listbox beside each select for screen readers' option
                // announcements; the select itself is labelled. That library element is left out, nothing of ours is.
                "async () => (await axe.run({ exclude: [['[role=listbox][id$=\"_list\"]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))"
                        + ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))");
        assertThat(violations).as("serious accessibility violations on " + screen).isEmpty();
    }

    /** Nothing wider than the window: the layout fits a phone without scrolling sideways. */
    void assertNoSidewaysScroll() {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(1);
    }

    static Pattern exactly(String text) {
        return Pattern.compile("^" + Pattern.quote(text) + "$");
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        } catch (IOException | RuntimeException e) {
            // A screenshot is evidence for a failure already reported; its own failure must not hide it.
        }
    }

    @Override
    public void close() {
        context.close();
    }
}

package ru.mcu.platform.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright. Playwright never downloads a browser here: the machine's
 * own is used, found at MCU_CHROMIUM or where Debian installs it, or the tests stop saying how to get one.
 */
final class Chromium implements AutoCloseable {
    private final Playwright playwright;
    final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage", "--lang=ru-RU")));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    static Path executable() {
        String configured = System.getenv("MCU_CHROMIUM");
        return Stream.concat(configured == null ? Stream.empty() : Stream.of(configured),
                        Stream.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"))
                .map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("The browser tests need Chromium: apt-get install chromium "
                        + "(or point MCU_CHROMIUM at a Chromium executable)"));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}

package ru.mcu.platform.problem;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body over the service's limit ({@code mcu.http.max-body}, other limits for the paths in
 * {@code mcu.http.body-limits}, the longest matching prefix deciding): refused with a 413 problem before
 * it is read into memory, whether it announces its length or streams it.
 */
public final class BodySizeLimit extends OncePerRequestFilter {
    private final long limit;
    private final Map<String, Long> byPathPrefix;

    public BodySizeLimit(long limit, Map<String, Long> byPathPrefix) {
        this.limit = limit;
        this.byPathPrefix = Map.copyOf(byPathPrefix);
    }

    long limitOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        // The longest prefix that matches says it: "/api/intake/messages/" can keep the steps at 1 MB under a larger "/api/intake/messages".
        return byPathPrefix.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(limit);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limitOf(request);
        if (request.getContentLengthLong() > max) {
            refuse(response, max);
            return;
        }
        try {
            chain.doFilter(new Limited(request, max), response);
        } catch (TooLarge e) {
            refuseIfOpen(response, max);
        } catch (ServletException | RuntimeException e) {
            if (causedByTooLarge(e)) {
                refuseIfOpen(response, max);
                return;
            }
            throw e;
        }
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private static void refuseIfOpen(HttpServletResponse response, long max) throws IOException {
        if (!response.isCommitted()) {
            response.reset();
            refuse(response, max);
        }
    }

    private static void refuse(HttpServletResponse response, long max) throws IOException {
        Problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Слишком большой запрос",
                "Тело запроса больше " + human(max) + "; отправьте меньше или разделите на части"));
    }

    private static String human(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / 1024 / 1024 + " МиБ" : bytes / 1024 + " КиБ";
    }

    /** Thrown from the body stream once it passes the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) throws TooLarge {
                        read += n;
                        if (read > max) {
                            throw new TooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}

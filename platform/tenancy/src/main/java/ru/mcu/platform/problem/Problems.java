package ru.mcu.platform.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.ObjectMapper;

/**
 * RFC 9457 problem details as every service writes them: the type names the rule broken
 * ({@code urn:mcu:problem:<rule>}), the title says it in Russian, and {@code requestId} lets an
 * operator find the request in the logs. Details are cut short: a refusal never echoes a megabyte.
 */
public final class Problems {
    public static final String TYPE_PREFIX = "urn:mcu:problem:";
    /** Longest detail we send back; anything longer was most likely the caller's own input. */
    static final int MAX_DETAIL = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String rule, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, shorten(detail));
        problem.setType(URI.create(TYPE_PREFIX + rule));
        problem.setTitle(title);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** A text fit to send back: at most {@link #MAX_DETAIL} characters. */
    public static String shorten(String text) {
        if (text == null || text.length() <= MAX_DETAIL) {
            return text;
        }
        return text.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** For filters that answer before any controller (no message converter there): the same body. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}

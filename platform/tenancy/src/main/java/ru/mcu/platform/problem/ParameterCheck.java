package ru.mcu.platform.problem;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/** Query parameters obey {@link TextRules} too, and are short: a 400 problem names the first that does not. */
public final class ParameterCheck extends OncePerRequestFilter {
    static final int MAX_PARAMETER = 2000;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    String violation = value.length() > MAX_PARAMETER ? "Значение длиннее " + MAX_PARAMETER + " символов"
                            : TextRules.violation(value);
                    if (violation == null) {
                        violation = TextRules.violation(parameter.getKey());
                    }
                    if (violation != null) {
                        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Неверный параметр запроса",
                                "Параметр «" + Problems.shorten(parameter.getKey()) + "»: " + violation);
                        Problems.write(response, problem);
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }
}

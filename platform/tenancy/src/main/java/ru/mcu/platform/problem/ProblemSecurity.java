package ru.mcu.platform.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Refusals of the security filters, as problem details like every other refusal. */
public final class ProblemSecurity {
    private ProblemSecurity() {
    }

    public static AuthenticationEntryPoint unauthenticated() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Нужен вход в систему",
                    "Запрос без действительного токена доступа: войдите заново"));
        };
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Нет доступа",
                "Этот запрос не разрешён вашей учётной записи (роль или муниципалитет)"));
    }
}

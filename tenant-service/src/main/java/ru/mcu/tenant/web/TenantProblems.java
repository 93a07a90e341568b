package ru.mcu.tenant.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.mcu.platform.problem.ApiProblemHandler;
import ru.mcu.platform.problem.Problems;
import ru.mcu.tenant.keycloak.KeycloakAdminApi;
import ru.mcu.tenant.onboarding.OnboardingException;

/** tenant-service's one problem mapper (RFC 9457): onboarding's refusals here, the rest the shared base's. */
@RestControllerAdvice
class TenantProblems extends ApiProblemHandler {
    @ExceptionHandler
    ProblemDetail badRequest(OnboardingException.BadRequest e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-onboarding-request", "Неверный запрос на подключение",
                e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidTemplate(OnboardingException.InvalidTemplate e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-template", "Шаблон содержит ошибки; ничего не создано",
                e.getMessage());
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownChannels(OnboardingException.UnknownChannels e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-channel", "Неизвестный канал", e.getMessage());
        problem.setProperty("field", "channels");
        problem.setProperty("channels", e.known());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(OnboardingException.Conflict e) {
        return Problems.of(HttpStatus.CONFLICT, "onboarding-conflict", "Конфликт", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(OnboardingException.NotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "municipality-not-found", "Муниципалитет не найден", e.getMessage());
    }

    /** Keycloak unreachable or refusing, outside onboarding's own recorded steps (suspend, resume, re-apply). */
    @ExceptionHandler
    ProblemDetail directory(KeycloakAdminApi.DirectoryException e) {
        return Problems.of(HttpStatus.BAD_GATEWAY, "directory-unavailable", "Keycloak не выполнил действие; повторите позже", e.getMessage());
    }
}

package ru.mcu.tenant.onboarding.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.mcu.tenant.onboarding.OnboardingException;

/** RFC 9457 problems for onboarding: the field, the template's problems, or the conflict. */
@RestControllerAdvice(assignableTypes = OnboardingController.class)
class OnboardingProblems {
    @ExceptionHandler
    ProblemDetail badRequest(OnboardingException.BadRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Неверный запрос на подключение", e);
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidTemplate(OnboardingException.InvalidTemplate e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Шаблон содержит ошибки; ничего не создано", e);
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(OnboardingException.Conflict e) {
        return problem(HttpStatus.CONFLICT, "Конфликт", e);
    }

    @ExceptionHandler
    ProblemDetail notFound(OnboardingException.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Муниципалитет не найден", e);
    }

    /** Keycloak unreachable or refusing, outside onboarding's own recorded steps (suspend, resume, re-apply). */
    @ExceptionHandler
    ProblemDetail directory(ru.mcu.tenant.onboarding.KeycloakDirectory.DirectoryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Keycloak не выполнил действие; повторите позже");
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, OnboardingException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}

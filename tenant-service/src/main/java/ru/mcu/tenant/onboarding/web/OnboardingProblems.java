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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Неверный запрос на подключение");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidTemplate(OnboardingException.InvalidTemplate e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Шаблон содержит ошибки; ничего не создано");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(OnboardingException.Conflict e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Конфликт");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(OnboardingException.NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Муниципалитет не найден");
        return problem;
    }
}

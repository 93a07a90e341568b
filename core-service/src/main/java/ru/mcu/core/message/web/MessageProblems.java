package ru.mcu.core.message.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.mcu.core.message.MessageNotFoundException;
import ru.mcu.platform.problem.ApiProblemHandler;
import ru.mcu.platform.problem.Problems;

/**
 * core-service's one problem mapper (RFC 9457) for every endpoint: the type names the rule that
 * failed ({@code urn:mcu:problem:<rule>}), {@code field} the field, and a refused step carries the
 * current state; refusals ({@code Refusal}), Spring's own and the unexpected are the shared base's.
 */
@RestControllerAdvice
class MessageProblems extends ApiProblemHandler {
    @ExceptionHandler
    ProblemDetail notFound(MessageNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "message-not-found", "Сообщение не найдено", e.getMessage());
    }
}

package ru.mcu.core.message.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import ru.mcu.core.message.MessageNotFoundException;
import ru.mcu.core.message.Refusal;

/**
 * RFC 9457 problem details for every core-service endpoint: the type names the rule that failed
 * ({@code urn:mcu:problem:<rule>}), {@code field} the field, and a refused step carries the current state.
 */
@RestControllerAdvice
class MessageProblems extends ResponseEntityExceptionHandler {
    @ExceptionHandler
    ProblemDetail notFound(MessageNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:mcu:problem:message-not-found"));
        problem.setTitle("Сообщение не найдено");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail refused(Refusal e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        problem.setType(URI.create("urn:mcu:problem:" + e.rule()));
        problem.setTitle(e.title());
        e.facts().forEach(problem::setProperty);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Поля запроса заполнены неверно: "
                + String.join(", ", errors.stream().map(error -> error.get("field")).toList()));
        problem.setTitle("Неверный запрос");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Malformed JSON, or a value of the wrong type: say where. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
                field = databind.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
                        : "[" + ref.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
                break;
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field == null
                ? "Тело запроса — не JSON нужного вида" : "Значение поля «" + field + "» не того типа или формата");
        problem.setType(URI.create("urn:mcu:problem:malformed-body"));
        problem.setTitle("Неверный запрос");
        if (field != null) {
            problem.setProperty("field", field);
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}

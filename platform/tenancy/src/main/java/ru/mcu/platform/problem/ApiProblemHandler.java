package ru.mcu.platform.problem;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each service's one problem mapper: Spring's own refusals (404, 405, 415, a missing
 * parameter…) get our problem types and Russian titles, a body that is not JSON or carries bad
 * text names the field, and anything unexpected is a 500 problem with the request id, never a
 * stack trace, never SQL. Each service extends it with its domain's refusals.
 */
public abstract class ApiProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /** The rule and title a bare status stands for. */
    static String[] describe(int status) {
        return switch (status) {
            case 400 -> new String[] {"bad-request", "Неверный запрос"};
            case 401 -> new String[] {"unauthenticated", "Нужен вход в систему"};
            case 403 -> new String[] {"forbidden", "Нет доступа"};
            case 404 -> new String[] {"not-found", "Не найдено"};
            case 405 -> new String[] {"method-not-allowed", "Метод не поддерживается"};
            case 406 -> new String[] {"not-acceptable", "Формат ответа не поддерживается"};
            case 409 -> new String[] {"conflict", "Конфликт"};
            case 413 -> new String[] {"body-too-large", "Слишком большой запрос"};
            case 415 -> new String[] {"unsupported-media-type", "Формат тела запроса не поддерживается"};
            case 422 -> new String[] {"invalid-field", "Поле заполнено неверно"};
            case 429 -> new String[] {"too-many-requests", "Слишком много запросов"};
            case 503 -> new String[] {"unavailable", "Сервис временно недоступен"};
            default -> status >= 500 ? new String[] {"internal-error", "Внутренняя ошибка"} : new String[] {"bad-request", "Неверный запрос"};
        };
    }

    /** A problem for a bare status, in our scheme. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        String[] described = describe(status.value());
        return Problems.of(status, described[0], described[1], detail);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        ProblemDetail given = body instanceof ProblemDetail problem ? problem : null;
        if (given == null || given.getType() == null || "about:blank".equals(given.getType().toString())) {
            ProblemDetail ours = forStatus(status, given != null && given.getDetail() != null ? given.getDetail() : e.getMessage());
            if (given != null && given.getProperties() != null) {
                given.getProperties().forEach(ours::setProperty);
            }
            body = ours;
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-field", "Поле заполнено неверно",
                "Поля запроса заполнены неверно: " + String.join(", ", errors.stream().map(error -> error.get("field")).toList()));
        problem.setProperty("errors", errors);
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.getFirst().get("field"));
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    /** Not JSON, a value of the wrong type, or a text no field may hold: say where. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = null;
        CheckedStrings.BadText badText = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CheckedStrings.BadText text) {
                badText = text;
            }
            if (field == null && cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
                field = path(databind);
            }
        }
        ProblemDetail problem;
        HttpStatus answer;
        if (badText != null) {
            answer = HttpStatus.UNPROCESSABLE_CONTENT;
            problem = Problems.of(answer, "invalid-text", "Недопустимый текст", (field == null ? "" : "Поле «" + field + "»: ") + badText.reason());
        } else {
            answer = HttpStatus.BAD_REQUEST;
            problem = Problems.of(answer, "malformed-body", "Неверный запрос", field == null
                    ? "Тело запроса — не JSON нужного вида" : "Значение поля «" + field + "» не того типа или формата");
        }
        if (field != null) {
            problem.setProperty("field", field);
        }
        return handleExceptionInternal(e, problem, headers, answer, request);
    }

    private static String path(tools.jackson.databind.DatabindException databind) {
        return databind.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
    }

    @ExceptionHandler
    ProblemDetail refused(ApiRefusal e) {
        ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(e.status()), e.rule(), e.title(), e.getMessage());
        e.facts().forEach(problem::setProperty);
        return problem;
    }

    /** A required query parameter left out: name it, in Russian, as a bad parameter. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Неверный параметр запроса",
                "Не указан обязательный параметр «" + e.getParameterName() + "»");
        problem.setProperty("field", e.getParameterName());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A query parameter or path variable of the wrong type: name it. */
    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Неверный параметр запроса",
                "Параметр «" + e.getName() + "» не того типа или формата");
        problem.setProperty("field", e.getName());
        return problem;
    }

    /** Validation should have refused it first; still, the database's words (SQL, constraint names) never reach the caller. */
    @ExceptionHandler
    ProblemDetail rejectedByDatabase(DataIntegrityViolationException e) {
        log.warn("A value reached the database and was refused there: {}", e.getMostSpecificCause().getMessage());
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "rejected-by-storage", "Значение не принято",
                "Одно из значений запроса недопустимо; проверьте длины и форматы полей");
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Внутренняя ошибка",
                "Запрос не выполнен из-за внутренней ошибки; сообщите номер запроса (requestId) администратору");
    }
}

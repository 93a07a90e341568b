package ru.mcu.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Whatever goes wrong at the gateway itself (a service down, a timeout, a path nobody serves)
 * reaches the browser as a problem in the platform's scheme, with the request id, never as a
 * stack trace or the framework's own error page.
 */
@Component
@Order(-2)
class GatewayErrors implements ErrorWebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (caused(error, ConnectException.class)) {
            return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Сервис временно недоступен",
                    "Сервис, который отвечает на этот запрос, сейчас недоступен; повторите через минуту");
        }
        if (caused(error, TimeoutException.class)) {
            return ProblemResponses.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "service-timeout", "Сервис не ответил вовремя",
                    "Сервис не ответил вовремя; повторите запрос");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            if (known == HttpStatus.NOT_FOUND) {
                return ProblemResponses.write(exchange, known, "not-found", "Не найдено", "По этому адресу ничего нет");
            }
            if (known != null && code.is4xxClientError()) {
                return ProblemResponses.write(exchange, known, "bad-request", "Неверный запрос", known.getReasonPhrase());
            }
            if (known == HttpStatus.SERVICE_UNAVAILABLE) {
                return ProblemResponses.write(exchange, known, "service-unavailable", "Сервис временно недоступен",
                        "Сервис, который отвечает на этот запрос, сейчас недоступен; повторите через минуту");
            }
        }
        log.error("Request {} failed at the gateway", exchange.getRequest().getId(), error);
        return ProblemResponses.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Внутренняя ошибка",
                "Запрос не выполнен из-за внутренней ошибки; сообщите номер запроса (requestId) администратору");
    }

    private static boolean caused(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}

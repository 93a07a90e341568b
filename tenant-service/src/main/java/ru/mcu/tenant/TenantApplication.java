package ru.mcu.tenant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** tenant-service: the municipalities (tenants) of the platform and who the signed-in user is. */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
public class TenantApplication {
    public static void main(String[] args) {
        SpringApplication.run(TenantApplication.class, args);
    }
}

package ru.mcu.tenant.staff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import ru.mcu.tenant.municipality.Municipality;
import ru.mcu.tenant.municipality.MunicipalityRepository;

/**
 * Keeps each working municipality's published staff list equal to Keycloak's: people added or
 * changed outside this service (in Keycloak's console, by the local run's demo fixture) become
 * executors core-service accepts within one period. A list that did not change is not rewritten.
 */
@Component
class StaffReconciliation {
    private static final Logger log = LoggerFactory.getLogger(StaffReconciliation.class);

    private final MunicipalityRepository municipalities;
    private final Memberships memberships;

    StaffReconciliation(MunicipalityRepository municipalities, Memberships memberships) {
        this.municipalities = municipalities;
        this.memberships = memberships;
    }

    @Scheduled(fixedDelayString = "${mcu.staff.reconcile-every:PT30S}", initialDelayString = "${mcu.staff.reconcile-initial-delay:PT5S}")
    void reconcile() {
        for (Municipality municipality : municipalities.findAll()) {
            if (municipality.getStatus() != Municipality.Status.ACTIVE) {
                continue;
            }
            try {
                memberships.publish(municipality.getId());
            } catch (RuntimeException e) {
                // Keycloak away for a moment: the next period tries again; the published list stays as it was.
                log.warn("Staff list of {} not reconciled: {}", municipality.getId(), e.getMessage());
            }
        }
    }
}

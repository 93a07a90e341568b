package ru.mcu.tenant.municipality.web;

import java.util.List;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.tenant.municipality.Municipality;
import ru.mcu.tenant.municipality.MunicipalityRepository;

/** The regional operator's list of municipalities (tenants) with their status. */
@RestController
@RequestMapping("/api/platform/municipalities")
class MunicipalityController {
    record MunicipalityView(String id, String name, String region, Municipality.Status status) {
    }

    private final MunicipalityRepository municipalities;

    MunicipalityController(MunicipalityRepository municipalities) {
        this.municipalities = municipalities;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<MunicipalityView> list() {
        return municipalities.findAllByOrderByRegionAscNameAsc().stream()
                .map(m -> new MunicipalityView(m.getId(), m.getName(), m.getRegion(), m.getStatus()))
                .toList();
    }
}

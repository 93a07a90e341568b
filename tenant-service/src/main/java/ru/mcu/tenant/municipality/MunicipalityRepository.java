package ru.mcu.tenant.municipality;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MunicipalityRepository extends JpaRepository<Municipality, String> {
    List<Municipality> findAllByOrderByRegionAscNameAsc();
}

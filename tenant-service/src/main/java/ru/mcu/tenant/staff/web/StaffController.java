package ru.mcu.tenant.staff.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.tenancy.PlatformToken;
import ru.mcu.tenant.staff.Memberships;
import ru.mcu.tenant.staff.Roles;
import ru.mcu.platform.problem.ApiRefusal;

/**
 * The municipality's administrator manages its staff: who they are, their roles here, and whether
 * they still work here. Only roles of the municipality's template may be given; nothing needs
 * Keycloak's console.
 */
@RestController
@RequestMapping("/api/staff")
class StaffController {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    record NewMember(String email, String firstName, String lastName, List<String> roles) {
    }

    record RoleChange(List<String> roles) {
    }

    private final Memberships memberships;
    private final Roles roles;

    StaffController(Memberships memberships, Roles roles) {
        this.memberships = memberships;
        this.roles = roles;
    }

    @GetMapping
    List<Memberships.Member> list(@AuthenticationPrincipal Jwt token) {
        return memberships.list(administered(token));
    }

    /** The roles an administrator may give: the template's, named, with what each permits. */
    @GetMapping("/roles")
    List<Roles.Role> roles(@AuthenticationPrincipal Jwt token) {
        administered(token);
        return roles.all();
    }

    @PostMapping
    ResponseEntity<Memberships.Added> add(@RequestBody NewMember body, @AuthenticationPrincipal Jwt token) {
        String slug = administered(token);
        if (body.email() == null || body.email().length() > 254 || !EMAIL.matcher(body.email()).matches()) {
            throw ApiRefusal.invalid("email", "Укажите адрес электронной почты вида name@example.ru");
        }
        name("firstName", body.firstName());
        name("lastName", body.lastName());
        List<String> given = known(body.roles());
        Memberships.Added added = memberships.add(slug, body.email().strip().toLowerCase(java.util.Locale.ROOT), body.firstName().strip(),
                body.lastName().strip(), given);
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/staff/" + added.member().id())).header("Cache-Control", "no-store").body(added);
    }

    @PutMapping("/{id}/roles")
    Memberships.Member setRoles(@PathVariable String id, @RequestBody RoleChange body, @AuthenticationPrincipal Jwt token) {
        String slug = administered(token);
        Memberships.Member member = member(slug, id);
        List<String> given = known(body.roles());
        if (isSelf(token, member) && !roles.grant(given, "tenant.admin")) {
            throw new ApiRefusal(409, "last-admin-right", "Нельзя снять с себя администрирование",
                    "Вы сняли бы с себя право tenant.admin и потеряли бы доступ к управлению сотрудниками; попросите другого администратора");
        }
        return memberships.setRoles(slug, id, given);
    }

    @PostMapping("/{id}/deactivate")
    Memberships.Member deactivate(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        String slug = administered(token);
        if (isSelf(token, member(slug, id))) {
            throw new ApiRefusal(409, "self-deactivation", "Нельзя отключить себя", "Отключить вашу учётную запись может другой администратор");
        }
        return memberships.setActive(slug, id, false);
    }

    @PostMapping("/{id}/activate")
    Memberships.Member activate(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        String slug = administered(token);
        member(slug, id);
        return memberships.setActive(slug, id, true);
    }

    /** The caller's municipality, if one of their roles there grants tenant.admin. */
    private String administered(Jwt token) {
        String slug = CurrentTenant.required();
        if (!roles.grant(PlatformToken.municipalRoles(token), "tenant.admin")) {
            throw new ApiRefusal(403, "role-not-allowed", "Действие не разрешено вашей роли",
                    "Сотрудниками муниципалитета управляет администратор (право tenant.admin)");
        }
        return slug;
    }

    private Memberships.Member member(String slug, String id) {
        return memberships.find(slug, id).orElseThrow(() -> new ApiRefusal(404, "staff-member-not-found", "Сотрудник не найден",
                "В муниципалитете нет сотрудника с таким идентификатором"));
    }

    private static boolean isSelf(Jwt token, Memberships.Member member) {
        return member.username().equals(PlatformToken.username(token));
    }

    /** Every role must be the template's; the refusal names the one that is not. */
    private List<String> known(List<String> given) {
        if (given == null) {
            return List.of();
        }
        var all = roles.permissions();
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String role = given.get(i);
            if (role == null || !all.containsKey(role)) {
                throw new ApiRefusal(422, "unknown-role", "Неизвестная роль", "Роли «" + role + "» нет в шаблоне муниципалитета")
                        .with("field", "roles[" + i + "]").with("roles", all.keySet());
            }
            checked.add(role);
        }
        return checked;
    }

    private static void name(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw ApiRefusal.invalid(field, "Укажите имя и фамилию (до 100 символов)");
        }
    }

}

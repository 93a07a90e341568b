package ru.mcu.platform.tenancy;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the tenant of an authenticated request, taken only from the token's single organization
 * (never from a header or a parameter), for the rest of the filter chain, and names it in the log.
 */
final class TenantFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var tenant = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? PlatformToken.singleTenant(token.getToken())
                : java.util.Optional.<String>empty();
        if (tenant.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put("tenant", tenant.get());
        try {
            CurrentTenant.call(tenant.get(), () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        } finally {
            MDC.remove("tenant");
        }
    }
}

package ru.mcu.platform.tenancy;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sets {@code app.tenant_id} at the start of every transaction, transaction-local and from a bind
 * parameter, so row-level security sees the tenant and a pooled connection never carries it over.
 * Without a tenant nothing is set, and the database refuses tenant-owned rows.
 */
final class TenantTransactionManager extends JpaTransactionManager {
    TenantTransactionManager(EntityManagerFactory entityManagerFactory) {
        super(entityManagerFactory);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        CurrentTenant.get().ifPresent(tenant -> {
            if (!(TransactionSynchronizationManager.getResource(getDataSource()) instanceof ConnectionHolder holder)) {
                throw new IllegalStateException("The JPA transaction exposes no JDBC connection to set the tenant on");
            }
            try (PreparedStatement statement = holder.getConnection().prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                statement.setString(1, tenant);
                statement.execute();
            } catch (SQLException e) {
                throw new TransactionSystemException("Cannot set the tenant of the transaction", e);
            }
        });
    }
}

<#-- The one login form: login and password together (Keycloak's organization step would ask for them on two pages). -->
<#import "template.ftl" as layout>
<#assign failed = messagesPerField.existsError('username', 'password')>
<@layout.registrationLayout displayMessage=!failed; section>
    <#if section = "header">
        ${msg("mcuLoginTitle")}
    <#elseif section = "form">
        <form id="kc-form-login" class="mcu-form" action="${url.loginAction}" method="post" novalidate>
            <#if !usernameHidden??>
                <div class="mcu-field">
                    <label for="username">${msg("mcuUsername")}</label>
                    <input id="username" name="username" type="text" value="${(login.username!'')}" autocomplete="username"
                           autocapitalize="none" spellcheck="false" autofocus
                           <#if failed>aria-invalid="true" aria-describedby="input-error"</#if>>
                </div>
            </#if>
            <div class="mcu-field">
                <label for="password">${msg("password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                       <#if usernameHidden??>autofocus</#if>
                       <#if failed>aria-invalid="true" aria-describedby="input-error"</#if>>
                <#if failed>
                    <span id="input-error" class="mcu-field-error" aria-live="polite">
                        ${kcSanitize(messagesPerField.getFirstError('username', 'password'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="mcu-row">
                <#if realm.rememberMe && !usernameHidden??>
                    <label class="mcu-check"><input id="rememberMe" name="rememberMe" type="checkbox" <#if login.rememberMe??>checked</#if>> ${msg("rememberMe")}</label>
                </#if>
                <#if realm.resetPasswordAllowed>
                    <a href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a>
                </#if>
            </div>
            <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>>
            <button id="kc-login" name="login" type="submit" class="mcu-primary">${msg("doLogIn")}</button>
        </form>
    </#if>
</@layout.registrationLayout>

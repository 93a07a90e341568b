<#-- A person in several municipalities picks the one this session is for (ru.mcu.platform.keycloak.OrganizationChoice). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("mcuChooseTitle")}
    <#elseif section = "form">
        <form id="mcu-organization" class="mcu-form" action="${url.loginAction}" method="post">
            <fieldset class="mcu-choices">
                <legend>${msg("mcuChooseLegend")}</legend>
                <#list municipalities as municipality>
                    <button type="submit" name="kc.org" value="${municipality.alias}" class="mcu-choice">${municipality.name}</button>
                </#list>
            </fieldset>
        </form>
    </#if>
</@layout.registrationLayout>

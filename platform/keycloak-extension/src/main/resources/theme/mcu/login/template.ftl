<#-- One layout for every login page, ours and the base theme's: the platform's name, a card, the page's message, its form. -->
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false showAnotherWayIfPresent=true>
<!DOCTYPE html>
<html lang="ru">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("mcuPageTitle")}</title>
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
</head>
<body class="mcu ${bodyClass}">
<main class="mcu-page">
    <header class="mcu-brand">
        <div class="mcu-brand-mark" aria-hidden="true">МЦУ</div>
        <div>
            <div class="mcu-brand-name">${msg("mcuPlatformName")}</div>
            <div class="mcu-brand-note">${msg("mcuPlatformNote")}</div>
        </div>
    </header>
    <section class="mcu-card" aria-labelledby="kc-page-title">
        <h1 id="kc-page-title"><#nested "header"></h1>
        <#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
            <p class="mcu-attempted">
                <span id="kc-attempted-username">${auth.attemptedUsername}</span>
                <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("mcuOtherUser")}</a>
            </p>
        </#if>
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <div class="mcu-alert mcu-alert-${message.type}" role="<#if message.type = 'error'>alert<#else>status</#if>">
                ${kcSanitize(message.summary)?no_esc}
            </div>
        </#if>
        <#nested "form">
        <#if showAnotherWayIfPresent && auth?has_content && auth.showTryAnotherWayLink()>
            <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="tryAnotherWay" value="on">
                <button type="submit" class="mcu-link">${msg("doTryAnotherWay")}</button>
            </form>
        </#if>
        <#nested "socialProviders">
        <#if displayInfo>
            <div id="kc-info" class="mcu-info"><#nested "info"></div>
        </#if>
    </section>
    <footer class="mcu-footer">${msg("mcuFooter")}</footer>
</main>
</body>
</html>
</#macro>

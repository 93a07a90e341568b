/**
 * What several features share and none owns: a refusal with the rule it names, who acts
 * ({@link ru.mcu.core.shared.Actor}) and the caller as staff with their municipal roles. Kept small:
 * a type moves here only when a second feature needs it.
 */
package ru.mcu.core.shared;

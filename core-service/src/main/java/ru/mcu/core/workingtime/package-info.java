/**
 * Working time: the production calendar, channels' timetables and the engine that counts due dates
 * on them. Pure computation on data (no Spring, no database), so every feature may use it and it
 * depends on none of them.
 */
package ru.mcu.core.workingtime;

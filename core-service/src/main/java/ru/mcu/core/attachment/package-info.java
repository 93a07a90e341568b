/**
 * Attachments: files that come with a message or are added to it, their real type detected and their
 * text and metadata extracted by Apache Tika in the background, per municipality (docs/attachments.md).
 */
package ru.mcu.core.attachment;

package org.careqms.incidents;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of adverse-event attachments ({@code careqms.incidents.attachments.*}).
 *
 * @param maxFileSize the largest single file
 * @param maxReportSize all live (not voided) attachments of one report together
 * @param maxFiles live attachments of one report
 */
@ConfigurationProperties("careqms.incidents.attachments")
@Validated
record AttachmentLimits(@DefaultValue("10MB") DataSize maxFileSize, @DefaultValue("30MB") DataSize maxReportSize,
		@DefaultValue("10") @Min(1) int maxFiles) {
}

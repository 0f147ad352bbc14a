package org.careqms.incidents;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public reporting link ({@code careqms.incidents.public-link.*}).
 *
 * @param reportsPerMinute submissions one client (network address) may send per minute
 */
@ConfigurationProperties("careqms.incidents.public-link")
@Validated
record PublicLinkSettings(@DefaultValue("5") @Min(1) int reportsPerMinute) {
}

/**
 * The statistical process control engine (spc-spec.md), usable by other modules that chart their
 * own monthly data, e.g. incident counts.
 */
@org.springframework.modulith.NamedInterface("spc")
package org.careqms.indicators.spc;

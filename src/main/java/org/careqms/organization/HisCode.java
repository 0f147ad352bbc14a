package org.careqms.organization;

import java.util.UUID;

import org.springframework.data.relational.core.mapping.Table;

/** The code another system (HIS, EMR, LIS…) uses for a department. */
@Table("department_his_code")
record HisCode(UUID hospitalId, String system, String code) {
}

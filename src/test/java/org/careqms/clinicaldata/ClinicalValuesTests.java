package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Dates, times and code shapes exactly as data-formats.md defines them. */
class ClinicalValuesTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void readsTheThreeTimeFormatsAsLocalTime() {
		LocalDateTime expected = LocalDateTime.of(2025, 1, 3, 8, 30);
		assertThat(ClinicalValues.time("2025-01-03 08:30", SHANGHAI)).isEqualTo(expected);
		assertThat(ClinicalValues.time("2025-01-03 08:30:00", SHANGHAI)).isEqualTo(expected);
		assertThat(ClinicalValues.time("2025-01-03T08:30", SHANGHAI)).isEqualTo(expected);
		assertThat(ClinicalValues.time("2025-01-03T08:30:15", SHANGHAI)).isEqualTo(expected.withSecond(15));
	}

	@Test
	void convertsTimesWithAnOffsetToTheHospitalsZone() {
		assertThat(ClinicalValues.time("2021-03-04T07:40:57-08:00", SHANGHAI))
			.isEqualTo(LocalDateTime.of(2021, 3, 4, 23, 40, 57));
		assertThat(ClinicalValues.time("2021-03-04T16:00:00Z", SHANGHAI)).isEqualTo(LocalDateTime.of(2021, 3, 5, 0, 0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-01-03", "2025-1-3 08:30", "2025-02-30 08:30", "2025-01-03 24:00", "03/01/2025 08:30",
			"2025-01-03 08:30:61", "2025-01-03  08:30", "2025-01-03 8:30", "yesterday" })
	void rejectsWhatIsNotATime(String text) {
		assertThat(ClinicalValues.time(text, SHANGHAI)).isNull();
	}

	@Test
	void readsDatesStrictly() {
		assertThat(ClinicalValues.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(ClinicalValues.date("2025-02-29")).isNull();
		assertThat(ClinicalValues.date("2025-1-3")).isNull();
		assertThat(ClinicalValues.date("2025-01-03 08:30")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "I21", "I21.0", "I21.000", "I10.x00", "J18.900x002", "E11.900", "O80.X00" })
	void acceptsIcd10WithTheNationalExtension(String code) {
		assertThat(ClinicalValues.ICD10.matcher(code).matches()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "i21.0", "I2", "I21.", "I21.0000", "I21.000x02", "121.0", "I21.0 ", "36.0601" })
	void rejectsOtherDiagnosisCodes(String code) {
		assertThat(ClinicalValues.ICD10.matcher(code).matches()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "47", "47.0", "47.01", "36.0601", "74.1x00", "81.5100x003" })
	void acceptsIcd9Cm3WithTheNationalExtension(String code) {
		assertThat(ClinicalValues.ICD9_CM_3.matcher(code).matches()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4", "470.1", "47.01234", "47.", "I21.0", "81.5100x03" })
	void rejectsOtherProcedureCodes(String code) {
		assertThat(ClinicalValues.ICD9_CM_3.matcher(code).matches()).isFalse();
	}
}

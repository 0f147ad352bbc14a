package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** One file, one transaction: a file that breaks late imports nothing; a committed import is announced. */
@CareQmsTest
@RecordApplicationEvents
class ImportTransactionTests {

	@Autowired
	ImportClinicalData imports;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	final String prefix = "TX" + UUID.randomUUID().toString().substring(0, 8) + "-";

	@BeforeEach
	void signIn() {
		var user = users.loadUserByUsername("quality");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	long stored() {
		return jdbc.sql("select count(*) from clinical_encounter where encounter_id like :p")
			.param("p", prefix + "%")
			.query(Long.class)
			.single();
	}

	/** 20,000 valid rows, staged with COPY before the reader reaches the broken end. */
	byte[] validRowsThen(byte[] end) {
		var out = new ByteArrayOutputStream();
		out.writeBytes((ClinicalCsv.ENCOUNTERS + "\r\n").getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 20_000; i++) {
			out.writeBytes((ClinicalCsv.encounter(prefix + i) + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(end);
		return out.toByteArray();
	}

	@Test
	void aFileThatTurnsOutNotToBeUtf8ImportsNothingOfItsValidRows() {
		byte[] file = validRowsThen(new byte[] { 'X', ',', (byte) 0xD5, (byte) 0xC5, '\r', '\n' });
		assertThatThrownBy(() -> imports.run(ImportKind.ENCOUNTERS, "late-gbk.csv", new ByteArrayInputStream(file),
				false, Locale.ENGLISH))
			.isInstanceOfSatisfying(UnreadableFileException.class, ex -> assertThat(ex.code()).isEqualTo("encoding"));
		assertThat(stored()).isZero();
		assertThat(events.stream(ClinicalDataImported.class)).isEmpty();
	}

	@Test
	void aFileWithAnUnclosedQuoteAtTheEndImportsNothing() {
		byte[] file = validRowsThen("\"broken,1\r\n".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> imports.run(ImportKind.ENCOUNTERS, "late-quote.csv", new ByteArrayInputStream(file),
				false, Locale.ENGLISH))
			.isInstanceOfSatisfying(UnreadableFileException.class, ex -> assertThat(ex.code()).isEqualTo("malformed"));
		assertThat(stored()).isZero();
		assertThat(jdbc.sql("select status from import_run where file_name = 'late-quote.csv'")
			.query(String.class)
			.list()).containsOnly("FAILED");
	}

	@Test
	void aCommittedImportIsAnnouncedAndADryRunIsNot() {
		byte[] file = ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, ClinicalCsv.encounter(prefix + "1"));
		ImportResult dry = imports.run(ImportKind.ENCOUNTERS, "e.csv", new ByteArrayInputStream(file), true,
				Locale.ENGLISH);
		assertThat(dry.accepted()).isEqualTo(1);
		assertThat(events.stream(ClinicalDataImported.class)).isEmpty();

		ImportResult real = imports.run(ImportKind.ENCOUNTERS, "e.csv", new ByteArrayInputStream(file), false,
				Locale.ENGLISH);
		var hospital = jdbc.sql("select hospital_id from app_user where username = 'quality'")
			.query(UUID.class)
			.single();
		assertThat(events.stream(ClinicalDataImported.class))
			.containsExactly(new ClinicalDataImported(hospital, "ENCOUNTERS", real.runId(), 1));
		assertThat(stored()).isEqualTo(1);
	}
}

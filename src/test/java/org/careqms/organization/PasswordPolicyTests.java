package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.careqms.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

	@Test
	void acceptsLongPasswordsFromThreeCharacterClasses() {
		assertThat(PasswordPolicy.violations("li.na", "Kardio#Qual1ty")).isEmpty();
		assertThat(PasswordPolicy.violations("li.na", "xin-nei-ke-2026")).isEmpty(); // lower, digits, symbols
	}

	@Test
	void refusesShortPasswords() {
		assertThat(PasswordPolicy.violations("li.na", "Ab1!Ab1!A")).containsExactly("password.too-short");
		assertThat(PasswordPolicy.violations("li.na", null)).containsExactly("password.too-short");
	}

	@Test
	void refusesPasswordsFromFewerThanThreeClasses() {
		assertThat(PasswordPolicy.violations("li.na", "onlylowercaseletters")).contains("password.too-simple");
		assertThat(PasswordPolicy.violations("li.na", "lowercase12345")).contains("password.too-simple");
	}

	@Test
	void refusesPasswordsContainingTheUsername() {
		assertThat(PasswordPolicy.violations("zhang.wei", "Zhang.Wei#2026")).contains("password.contains-username");
	}

	@Test
	void refusesCommonPasswordsWithDecorations() {
		assertThat(PasswordPolicy.violations("li.na", "P@ssw0rd2026!")).contains("password.common");
		assertThat(PasswordPolicy.violations("li.na", "Admin123!@#")).contains("password.common");
	}

	@Test
	void refusesRepetitivePasswords() {
		assertThat(PasswordPolicy.violations("li.na", "Aa1!Aa1!Aa1!")).contains("password.too-simple");
	}

	@Test
	void checkReportsTheFieldAndEveryBrokenRule() {
		assertThatThrownBy(() -> PasswordPolicy.check("password", "li.na", "li.na-password"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.problems()).allSatisfy(p -> assertThat(p.field()).isEqualTo("password"));
				assertThat(ex.problems()).extracting(InvalidInputException.FieldProblem::messageKey)
					.contains("error.password.contains-username");
			});
	}
}

package org.careqms.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface UserRepository extends Repository<UserAccount, UUID> {

	UserAccount save(UserAccount user);

	Optional<UserAccount> findById(UUID id);

	Optional<UserAccount> findByIdAndHospitalId(UUID id, UUID hospitalId);

	@Query("select * from app_user where lower(username) = lower(:username)")
	Optional<UserAccount> findByUsernameIgnoringCase(@Param("username") String username);

	List<UserAccount> findByHospitalIdOrderByUsername(UUID hospitalId);

	@Query("select count(*) > 0 from app_user where lower(username) = lower(:username)")
	boolean usernameTaken(@Param("username") String username);

	long count();
}

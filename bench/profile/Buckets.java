import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.util.*;
import java.time.*;

/**
 * Where a CareQMS request thread spends its CPU, from a JFR recording (docs/benchmarks.md):
 *   java bench/profile/Buckets.java inc.jfr HH:MM:SS HH:MM:SS [thread-name-part]
 * Execution samples between the two UTC times, of threads whose name contains the part (default
 * http-nio), each counted in the bucket of the innermost frame that matches a marker below.
 */
public class Buckets {
  static String[][] MARKERS = {
    {"ApiTokens.authenticate", "auth: token+user lookup (SQL)"},
    {"TokenCache", "auth: cache"},
    {"BearerTokenFilter.doFilterInternal", "auth: filter"},
    {"JdbcAuditTrail", "audit entry insert"},
    {"Notifications.send", "notification insert"},
    {"OrganizationDirectory.responsibleUsers", "responsible users query"},
    {"OrganizationDirectory.department", "departments query"},
    {"IncidentReferences", "report number"},
    {"JdbcAggregateTemplate.save", "incident INSERT (Spring Data JDBC)"},
    {"IncidentRepository", "incident read (Spring Data JDBC)"},
    {"PartTreeJdbcQuery", "Spring Data JDBC read"},
    {"JdbcAggregateTemplate.find", "Spring Data JDBC read"},
    {"IncidentManagement.details", "details JSON parse"},
    {"IncidentManagement.submit", "submit: idempotency/validate/other"},
    {"IncidentManagement.get", "get: other"},
    {"IncidentApiController.view", "view mapping"},
    {"tools.jackson", "JSON (Jackson)"},
    {"org.hibernate.validator", "bean validation"},
    {"AbstractPlatformTransactionManager", "transaction begin/commit"},
    {"DataSourceTransactionManager", "transaction begin/commit"},
    {"determineTransactionManager", "transaction begin/commit"},
    {"createTransactionIfNecessary", "transaction begin/commit"},
    {"commitTransactionAfterReturning", "transaction begin/commit"},
    {"AuthorizationManagerBeforeMethodInterceptor", "@PreAuthorize"},
    {"DispatcherServlet.doDispatch", "Spring MVC other"},
    {"org.springframework.security", "security filter chain other"},
    {"ObservationFilterChainDecorator", "security filter chain other"},
    {"org.springframework.web.filter", "servlet filters other"},
    {"org.apache.catalina", "tomcat"},
    {"org.apache.coyote", "tomcat"},
    {"org.apache.tomcat", "tomcat"},
  };
  public static void main(String[] a) throws Exception {
    LocalTime from = LocalTime.parse(a[1]), to = LocalTime.parse(a[2]);
    String tf = a.length > 3 ? a[3] : "http-nio";
    Map<String,Integer> b = new HashMap<>(); int total = 0; Map<String,Integer> thr = new TreeMap<>(); int all = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
      LocalTime lt = LocalTime.ofInstant(e.getStartTime(), ZoneOffset.UTC);
      if (lt.isBefore(from) || lt.isAfter(to)) continue;
      String tn = e.getThread("sampledThread") == null ? "?" : String.valueOf(e.getThread("sampledThread").getJavaName());
      all++; thr.merge(tn.replaceAll("[0-9]+","N"), 1, Integer::sum);
      if (!tn.contains(tf)) continue;
      total++;
      String bucket = "other";
      outer:
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        String n = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        for (String[] m : MARKERS) if (n.contains(m[0])) { if (m[1].isEmpty()) continue; bucket = m[1]; break outer; }
      }
      b.merge(bucket, 1, Integer::sum);
    }
    System.out.println("all samples " + all + " " + thr);
    System.out.println("samples (" + tf + "): " + total);
    final int t = total;
    b.entrySet().stream().sorted((x,y)->y.getValue()-x.getValue()).forEach(en -> System.out.printf("%6d %5.1f%% %s%n", en.getValue(), 100.0*en.getValue()/t, en.getKey()));
  }
}

package org.griot.audit;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Verifies the audit hash chain every night (Quartz, clustered: one node runs it), so tampering is
 * noticed even when no auditor looks; the result is kept in audit_verification and audited.
 */
@DisallowConcurrentExecution
public class AuditVerificationJob extends QuartzJobBean {

    private final AuditTrail auditTrail;

    public AuditVerificationJob(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        AuditVerification result = auditTrail.verify();
        auditTrail.recordAs(AuditTrail.SYSTEM_ACTOR, null, AuditAction.AUDIT_VERIFIED, "audit_event", null,
                "eventsChecked=" + result.eventsChecked() + ", checkpointsChecked=" + result.checkpointsChecked()
                        + ", keyId=" + result.keyId() + ", intact=" + result.intact()
                        + (result.intact() ? "" : ", firstBroken=" + result.firstBrokenEventId()),
                result.intact() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE);
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail auditVerificationJobDetail() {
            return JobBuilder.newJob(AuditVerificationJob.class).withIdentity("audit-verification", "audit")
                    .withDescription("Verify the audit trail's hash chain").storeDurably().requestRecovery().build();
        }

        @Bean
        Trigger auditVerificationTrigger(JobDetail auditVerificationJobDetail, @Value("${griot.audit.verify-cron}") String cron) {
            return TriggerBuilder.newTrigger().forJob(auditVerificationJobDetail).withIdentity("audit-verification", "audit")
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
    }
}

package io.leadtriage.smoke;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendQuota;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a deployer needs to know about email after {@code sam deploy} and cannot see in the stack: whether the
 * SES account is still in the sandbox (then SES sends only to verified addresses, a few hundred a day), whether
 * sending is paused, whether the stack's sender is a verified identity, and whether {@code SesMaxSendRate} is
 * above the account's rate. These are findings, never failures: the API works without email. Addresses are
 * never printed, only their domains.
 */
interface SesReadiness {
    /** A line of the report: a warning (WARN) or a plain statement (INFO). */
    record Finding(boolean warning, String text) {
        static Finding warn(String text) {
            return new Finding(true, text);
        }

        static Finding info(String text) {
            return new Finding(false, text);
        }
    }

    /** @param stackParameters the stack's parameters (SenderAddress, AlertRecipients, SesMaxSendRate); empty with --api-url */
    List<Finding> check(Map<String, String> stackParameters);

    /** Through SES v2 (GetAccount, GetEmailIdentity) with the smoke test's credentials, in the stack's region. */
    static SesReadiness of(AwsCredentialsProvider credentials, String region) {
        return using(() -> SesV2Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build(), region);
    }

    /** With the client given (closed after the checks); an SES error is one warning saying the checks were skipped. */
    static SesReadiness using(Supplier<SesV2Client> clients, String region) {
        return parameters -> {
            try (SesV2Client ses = clients.get()) {
                return new Account(ses, region).check(parameters);
            } catch (SdkException e) {
                return List.of(Finding.warn("could not read the SES account in " + region + " (" + errorCode(e)
                        + "): the email checks were skipped; ses:GetAccount and ses:GetEmailIdentity allow them"));
            }
        };
    }

    private static String errorCode(SdkException e) {
        if (e instanceof SesV2Exception ses && ses.awsErrorDetails() != null && ses.awsErrorDetails().errorCode() != null) {
            return ses.awsErrorDetails().errorCode();
        }
        return AwsHttp.firstSentence(e.getMessage());
    }

    /** The checks, against one SES client. */
    final class Account {
        private final SesV2Client ses;
        private final String region;

        Account(SesV2Client ses, String region) {
            this.ses = ses;
            this.region = region;
        }

        List<Finding> check(Map<String, String> parameters) {
            List<Finding> findings = new ArrayList<>();
            GetAccountResponse account = ses.getAccount(r -> { });
            SendQuota quota = account.sendQuota();
            String limits = quota == null ? "" : whole(quota.max24HourSend()) + " emails a day, "
                    + whole(quota.maxSendRate()) + " a second";
            boolean sandbox = !Boolean.TRUE.equals(account.productionAccessEnabled());
            if (!Boolean.TRUE.equals(account.sendingEnabled())) {
                findings.add(Finding.warn("SES sending is paused for this account in " + region
                        + (account.enforcementStatus() == null ? "" : " (" + account.enforcementStatus() + ")")
                        + ": no alert or nurture email goes out until it is resumed"));
            }
            if (sandbox) {
                findings.add(Finding.warn("SES in " + region + " is in the sandbox (" + limits + ", to verified addresses"
                        + " only): sales alerts reach only verified recipients and no lead gets nurture emails."
                        + " Request production access: SES console > Account dashboard"));
            } else {
                findings.add(Finding.info("SES in " + region + ": production access, " + limits));
            }
            String rate = parameters.get("SesMaxSendRate");
            if (rate != null && quota != null && quota.maxSendRate() != null) {
                try {
                    double configured = Double.parseDouble(rate);
                    if (configured > quota.maxSendRate()) {
                        findings.add(Finding.warn("SesMaxSendRate is " + rate + " a second but the account allows "
                                + whole(quota.maxSendRate()) + ": SES will throttle the dispatcher; set SesMaxSendRate="
                                + whole(quota.maxSendRate()) + " in samconfig.toml's parameter_overrides and sam deploy"));
                    }
                } catch (NumberFormatException e) {
                    // not a number: the template's Number type makes this impossible for a deployed stack
                }
            }
            String sender = parameters.get("SenderAddress");
            if (sender != null && !sender.isBlank()) {
                Verification verification = verification(sender.strip());
                if (verification != Verification.VERIFIED) {
                    findings.add(Finding.warn("the SenderAddress (…@" + domain(sender) + ") is " + verification.text
                            + " in SES in " + region + ": SES refuses every email from it. Verify the domain: "
                            + "aws sesv2 create-email-identity --email-identity " + domain(sender)
                            + " (then publish the DKIM records it lists)"));
                }
            }
            String recipients = parameters.get("AlertRecipients");
            if (sandbox && recipients != null && !recipients.isBlank()) {
                List<String> all = Arrays.stream(recipients.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                long unverified = all.stream().filter(r -> verification(r) != Verification.VERIFIED).count();
                if (unverified > 0) {
                    findings.add(Finding.warn(unverified + " of " + all.size() + " AlertRecipients "
                            + (unverified == 1 ? "is not a verified identity" : "are not verified identities")
                            + ": in the sandbox SES refuses to send them sales alerts"));
                }
            }
            return findings;
        }

        enum Verification {
            VERIFIED("verified"), PENDING("not verified yet (verification pending)"), MISSING("not a verified identity");

            final String text;

            Verification(String text) {
                this.text = text;
            }
        }

        /** The address itself or its domain, whichever SES knows best. */
        private Verification verification(String address) {
            Verification own = identity(address);
            if (own == Verification.VERIFIED) {
                return own;
            }
            Verification ofDomain = identity(domain(address));
            return ofDomain == Verification.MISSING ? own : ofDomain;
        }

        private Verification identity(String identity) {
            try {
                GetEmailIdentityResponse found = ses.getEmailIdentity(r -> r.emailIdentity(identity));
                return Boolean.TRUE.equals(found.verifiedForSendingStatus()) ? Verification.VERIFIED : Verification.PENDING;
            } catch (NotFoundException e) {
                return Verification.MISSING;
            }
        }

        private static String domain(String address) {
            int at = address.lastIndexOf('@');
            return (at < 0 ? address : address.substring(at + 1)).strip().toLowerCase(Locale.ROOT);
        }

        private static String whole(Double value) {
            if (value == null) {
                return "?";
            }
            return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(Math.round(value));
        }
    }
}

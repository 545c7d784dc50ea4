package uk.nhs.sdk.examples.springboot;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.sdk.identity.pds.FhirDate;
import uk.nhs.sdk.identity.pds.Gender;
import uk.nhs.sdk.identity.pds.OrganisationReference;
import uk.nhs.sdk.identity.pds.Patient;
import uk.nhs.sdk.identity.pds.PatientName;
import uk.nhs.sdk.identity.pds.RetrievedPatient;

/**
 * The JSON the service answers {@code GET /patients/{nhsNumber}} with: a few fields of the PDS
 * record. A response body, never a log line.
 *
 * @param nhsNumber the patient's current NHS number (another than the one asked for when that one
 *     was superseded)
 * @param superseded whether the number asked for was superseded
 * @param version the record's version, for an update's {@code If-Match}
 * @param sensitivity PDS's sensitivity code ({@code U}, {@code R}, {@code V} or {@code REDACTED})
 * @param name the usual name as "given family", or {@code null} when PDS gave none
 * @param gender the FHIR gender code, or {@code null}
 * @param birthDate the birth date as FHIR text, or {@code null}
 * @param generalPractitioner the ODS code of the GP practice, or {@code null}
 */
record PatientView(
        String nhsNumber,
        boolean superseded,
        long version,
        String sensitivity,
        String name,
        String gender,
        String birthDate,
        String generalPractitioner) {

    static PatientView of(RetrievedPatient retrieved) {
        Patient p = retrieved.patient();
        return new PatientView(
                retrieved.nhsNumber().value(),
                retrieved.isSuperseded(),
                retrieved.version(),
                retrieved.sensitivity().code(),
                p.usualName().map(PatientView::display).orElse(null),
                p.gender().map(Gender::code).orElse(null),
                p.birthDate().map(FhirDate::text).orElse(null),
                p.generalPractitioner().map(OrganisationReference::odsCode).orElse(null));
    }

    private static String display(PatientName name) {
        List<String> parts = new ArrayList<>(name.given());
        name.family().ifPresent(parts::add);
        return String.join(" ", parts);
    }

    @Override
    public String toString() {
        return "PatientView[version=" + version + ", sensitivity=" + sensitivity + "]";
    }
}

package uk.nhs.sdk.identity.oidc;

import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** Refuses a CIS2 client id where the API Platform API key belongs (identity.md §D1 9). Internal. */
final class ApiKeys {
    private static final Pattern CIS2_CLIENT_ID = Pattern.compile("[0-9]+\\.apps\\.[A-Za-z]+");

    private ApiKeys() {}

    static void check(String owner, Secret apiKey) {
        if (CIS2_CLIENT_ID.matcher(apiKey.reveal()).matches()) {
            throw new NhsConfigurationException(
                    owner + ": the apiKey looks like a CIS2 client id (NNN.apps.national);"
                            + " use the application's API Platform API key here, and the CIS2 client id in OidcClientCredentials");
        }
    }
}

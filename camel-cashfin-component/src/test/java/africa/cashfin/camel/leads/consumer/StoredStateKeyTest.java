package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.Duration;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.LeadFilter;
import africa.cashfin.camel.leads.state.JdbcStateRepository;

/**
 * The keys the consumer stores in a stateRepository: unchanged wherever the repository holds them (the rows users
 * have today keep working), encoded only for Camel's FileStateRepository, which cannot hold '=' or a line break.
 */
class StoredStateKeyTest {

    private static final StateRepository<String, String> FILE = FileStateRepository.fileStateRepository(
            new File("target/never-written.dat"));

    private static ConsumerState.Options options(String stateKey, LeadFilter filter,
                                                 StateRepository<String, String> state) {
        return new ConsumerState.Options(stateKey, filter, null, Duration.ofMinutes(5), null, false, true, 0.1, 3,
                                         Duration.ZERO, null, state, 25);
    }

    @Test
    void keysAreStoredAsTheyAlwaysWereWhereverTheRepositoryHoldsThem() {
        LeadFilter filter = new LeadFilter("qualified", "website", "50%=off");
        String key = "cashfin-leads:list?status=qualified&source=website&search=50%=off";
        assertThat(options(null, filter, new MemoryStateRepository()).storedStateKey()).isEqualTo(key);
        assertThat(options(null, filter, new JdbcStateRepository()).storedStateKey()).isEqualTo(key);
        assertThat(options(null, filter, null).storedStateKey()).isEqualTo(key);
        assertThat(options(null, LeadFilter.NONE, FILE).storedStateKey()).isEqualTo("cashfin-leads:list");
        assertThat(options("crm=qualified", filter, new JdbcStateRepository()).storedStateKey())
                .isEqualTo("crm=qualified");
    }

    @Test
    void onAFileRepositoryADerivedKeyIsPercentEncodedAndTwoFiltersNeverShareAKey() {
        assertThat(options(null, new LeadFilter("qualified", null, "50%=off\nnow"), FILE).storedStateKey())
                .isEqualTo("cashfin-leads:list?status%3Dqualified&search%3D50%25%3Doff%0Anow");
        assertThat(options(null, new LeadFilter(null, null, "a%3Db"), FILE).storedStateKey())
                .isNotEqualTo(options(null, new LeadFilter(null, null, "a=b"), FILE).storedStateKey());
        assertThat(options("crm-qualified", new LeadFilter("qualified", null, null), FILE).storedStateKey())
                .as("a stateKey the user set is stored as set").isEqualTo("crm-qualified");
    }

    @Test
    void aUserStateKeyTheRepositoryCannotHoldIsRefusedNamingTheCharacter() {
        assertThatThrownBy(() -> options("crm\nqualified", LeadFilter.NONE, FILE).checkStateKey())
                .hasMessageStartingWith("stateKey 'crm\\nqualified' contains a line break (at index 3)");
        options("crm=qualified", LeadFilter.NONE, new MemoryStateRepository()).checkStateKey(); // held: accepted
        options("crm-qualified", LeadFilter.NONE, FILE).checkStateKey();
    }
}

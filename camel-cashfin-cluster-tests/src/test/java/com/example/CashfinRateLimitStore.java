package com.example;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/** The user's factory of docs/rate-limiting.md and docs/cluster.md, verbatim, for the YAML recipe test. */
public final class CashfinRateLimitStore {
    public static ProxyManager<String> postgres(javax.sql.DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("cashfin_rate_limit").idColumn("id").stateColumn("state")
                .requestTimeout(java.time.Duration.ofSeconds(10)) // frees the store's threads after a stall
                .build();
    }
}

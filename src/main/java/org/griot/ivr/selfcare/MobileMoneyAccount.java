package org.griot.ivr.selfcare;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The subscriber's mobile-money wallet: status, balance in XOF, and its last transaction if any. */
public record MobileMoneyAccount(Status status, long balanceXof, Optional<Transaction> lastTransaction) {

    public enum Status {
        ACTIVE, SUSPENDED, CLOSED
    }

    public enum TransactionKind {
        DEPOSIT, WITHDRAWAL, TRANSFER_IN, TRANSFER_OUT, PAYMENT
    }

    public record Transaction(Instant at, TransactionKind kind, long amountXof, String counterparty) {
        public Transaction {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            counterparty = counterparty == null ? "" : counterparty;
        }
    }

    public MobileMoneyAccount {
        Objects.requireNonNull(status, "status");
        lastTransaction = lastTransaction == null ? Optional.empty() : lastTransaction;
    }
}

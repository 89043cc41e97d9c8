package org.griot.ivr.selfcare;

/** The prepaid balance: main account in XOF (no minor unit) and the data remaining, in MB. */
public record Balance(long mainXof, long dataRemainingMb) {
}

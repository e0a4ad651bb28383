//! `shart demo token`: `compliant_token` in the local runtime, as a
//! readable transcript: issue, allowlist two attested holders, transfer,
//! a refused transfer with its message in three languages, a threshold
//! hold reviewed by a human, a court-ordered freeze and forced transfer,
//! and a recovery. Every outcome is checked; the first that differs stops
//! the demo with an error, and `shart demo token` exits non-zero.
use anyhow::{bail, ensure, Result};
use compliant_token::{
    restriction::{Language, Restriction},
    token::{EnforcementCall, Holding},
};
use drink::AccountId32;
use safeguards::review::Verdict;

use crate::{
    events::ShartEvent,
    fixtures::doc,
    runtime::{ink_account, Outcome},
    token::{self, court_order, Token, MINTED, THRESHOLD},
};

/// What the demo printed, and how much it checked.
#[derive(Debug, Default)]
pub struct Report {
    /// What the demo printed.
    pub transcript: String,
    /// Outcomes checked.
    pub checks: usize,
}

struct Demo {
    t: Token,
    out: String,
    checks: usize,
}

impl Demo {
    fn say(&mut self, line: &str) {
        println!("{line}");
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn check(&mut self, ok: bool, what: &str) -> Result<()> {
        ensure!(ok, "demo: expected {what}");
        self.checks = self.checks.saturating_add(1);
        Ok(())
    }

    fn name(&self, account: &ink::primitives::AccountId) -> String {
        self.t
            .accounts
            .names()
            .into_iter()
            .find(|(a, _)| ink_account(a) == *account)
            .map_or_else(|| "?".to_owned(), |(_, n)| n.to_owned())
    }

    fn events<R: std::fmt::Debug>(&mut self, out: &Outcome<R>) {
        for e in out.events() {
            let line = match &e {
                ShartEvent::Transfer(t) => format!(
                    "    Transfer {} -> {}: {}",
                    t.from.map_or("(mint)".to_owned(), |a| self.name(&a)),
                    t.to.map_or("(burn)".to_owned(), |a| self.name(&a)),
                    t.value
                ),
                other => format!("    {}", other.name()),
            };
            self.say(&line);
        }
    }

    fn holding(&mut self, who: &AccountId32, name: &str) -> Holding {
        let h = self.t.holding(who);
        self.say(&format!(
            "    {name}: balance {}, frozen {}, held {}{}",
            h.balance,
            h.frozen,
            h.held,
            if h.blocked.is_some() {
                ", account frozen"
            } else {
                ""
            }
        ));
        h
    }
}

/// Runs the token demo; prints the transcript as it goes.
///
/// # Errors
///
/// If a bundle cannot be built, or at the first outcome that differs from
/// the expected one.
pub fn run() -> Result<Report> {
    let mut d = Demo {
        t: token::deploy()?,
        out: String::new(),
        checks: 0,
    };
    let a = d.t.accounts.clone();
    d.say("Shart demo: compliant_token in the local runtime (drink, pallet-contracts)");
    d.say("1. Issued: the issuer and the holders' representative accepted the issuance terms");
    d.say("   on their EDS attestations; the compliance officer listed Alice (two accounts,");
    d.say(&format!(
        "   one holder) and Bob, each on a registry attestation; the issuer minted {MINTED} to Alice."
    ));
    let h = d.holding(&a.alice, "alice");
    d.check(h.balance == MINTED, "Alice holds the minted supply")?;

    d.say("2. Alice transfers 2,500 to Bob (PSP22::transfer, both allowlisted):");
    let out = d.t.transfer(&a.alice, &a.bob, 2_500);
    d.check(out.value == Ok(Ok(())), "the transfer succeeds")?;
    d.events(&out);

    d.say("3. Alice transfers 1 to an account nobody screened: refused.");
    let out = d.t.transfer(&a.alice, &a.stranger, 1);
    let code = Restriction::RecipientNotListed;
    d.check(
        out.value == Ok(Err(compliant_token::errors::psp22_error(code))) && out.events.is_empty(),
        "the refusal, with no event",
    )?;
    d.say(&format!(
        "    PSP22Error::Custom(\"{}\"), no event, nothing changed",
        code.code_string()
    ));
    for (language, label) in [
        (Language::En, "en"),
        (Language::Ru, "ru"),
        (Language::Kk, "kk"),
    ] {
        let text: Option<String> = d.t.read(
            "message_for_transfer_restriction_in",
            (code.code(), language),
        );
        let Some(text) = text else {
            bail!("demo: no message for code {}", code.code());
        };
        d.check(text == code.message(language), "the published message")?;
        d.say(&format!("    [{label}] {text}"));
    }

    d.say(&format!(
        "4. Alice transfers {} to Bob, above the {THRESHOLD} threshold: held as an automated decision.",
        THRESHOLD + 1
    ));
    let out = d.t.transfer(&a.alice, &a.bob, THRESHOLD + 1);
    d.check(out.value == Ok(Ok(())), "the held transfer is accepted")?;
    d.events(&out);
    let h = d.holding(&a.alice, "alice");
    d.check(h.held == THRESHOLD + 1, "the amount is held")?;
    d.say("   Alice asks for human review; the reviewer, a person, overrides the hold;");
    d.say("   anyone executes the decision:");
    let out = d.t.call(
        &a.alice,
        "request_review",
        (1u32, doc("salary, contract attached")),
        0,
    );
    d.check(out.value == Ok(Ok(())), "the review request")?;
    let out = d.t.call(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("documents checked")),
        0,
    );
    d.check(out.value == Ok(Ok(())), "the reviewer's override")?;
    let out = d.t.call(&a.stranger, "execute_decision", 1u32, 0);
    d.check(out.value == Ok(Ok(())), "the execution")?;
    d.events(&out);

    d.say(
        "5. A court orders Bob's balance frozen in part, then 3,000 moved to its custody account:",
    );
    let out = d.t.enforce(EnforcementCall::Freeze {
        account: ink_account(&a.bob),
        amount: 5_000,
        order: court_order("interim measure against bob"),
    });
    d.check(out.value == Ok(Ok(())), "the freeze")?;
    d.events(&out);
    d.holding(&a.bob, "bob");
    let out = d.t.enforce(EnforcementCall::ForcedTransfer {
        from: ink_account(&a.bob),
        to: ink_account(&a.custody),
        amount: 3_000,
        order: court_order("writ of execution against bob"),
    });
    d.check(out.value == Ok(Ok(())), "the forced transfer")?;
    d.events(&out);
    let b = d.holding(&a.bob, "bob");
    d.check(b.frozen <= b.balance, "frozen within the balance")?;
    let c = d.holding(&a.custody, "custody");
    d.check(c.balance == 3_000, "custody holds the ordered amount")?;

    d.say("6. Alice lost her first account's key; on a court ruling the officer recovers");
    d.say("   everything to her second account, attested as the same holder:");
    let out = d.t.enforce(EnforcementCall::Recover {
        lost: ink_account(&a.alice),
        new: ink_account(&a.alice2),
        order: court_order("recovery of alice's lost key"),
    });
    d.check(out.value == Ok(Ok(())), "the recovery")?;
    d.events(&out);
    let old = d.holding(&a.alice, "alice (lost)");
    d.check(old == Holding::default(), "the lost account is empty")?;
    let new = d.holding(&a.alice2, "alice2");
    d.check(
        new.balance == MINTED - 2_500 - (THRESHOLD + 1),
        "the new account holds the rest",
    )?;
    let supply: u128 = d.t.read("PSP22::total_supply", ());
    d.check(supply == MINTED, "the supply is unchanged")?;
    let summary = format!(
        "\n{} outcomes checked, all as expected; supply {supply}",
        d.checks
    );
    d.say(&summary);
    Ok(Report {
        transcript: d.out,
        checks: d.checks,
    })
}

/// `shart demo token`.
///
/// # Errors
///
/// If the demo could not run or an outcome differed.
pub fn main() -> Result<()> {
    run().map(|_| ())
}

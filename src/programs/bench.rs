//! `shart bench`: gas per `service_agreement` message and Wasm size per
//! contract, with the same milestone flow on `baseline_escrow` (no
//! safeguards) in the same drink session, to show what the safeguards cost.
//!
//! A benchmark measures; it asserts nothing. The figures are deterministic
//! for a given toolchain and source (gas is metered, not timed).
use std::{fmt::Write as _, fs};

use anyhow::{anyhow, Result};
use drink::AccountId32;
use scale::Encode;

use safeguards::kit::split;

use crate::{
    bundle::{self, Bundle, CONTRACTS},
    fixtures::{self, doc, sha256, DAY, MASTER_AGREEMENT, MILESTONES, T0},
    flagship,
    runtime::{ink_account, Encoded, Gas, Instance},
    sizes,
    storage_model::{self, StorageFigures},
};

/// The milestone counts `approve_milestone` is measured at: gas must not
/// grow with how many milestones exist.
pub const MILESTONE_COUNTS: [u32; 4] = [1, 16, 100, 1_000];

/// Target from the foundation issue: the safeguards add at most this much
/// ref_time to releasing a milestone.
pub const RELEASE_OVERHEAD_TARGET: f64 = 0.03;
/// Target: the code a hot-path call loads at most this many bytes.
pub const WASM_SIZE_TARGET: usize = 24 * 1024;
/// Target: a hot-path message within this factor of the baseline's
/// ref_time and proof_size for the same operation.
pub const HOT_PATH_RATIO_TARGET: f64 = 1.3;
/// Target: every other message within this factor of the hot path's
/// median ref_time.
pub const OTHER_TO_HOT_MEDIAN_TARGET: f64 = 2.0;
/// The hot path of `service_agreement`: the messages the targets
/// name (the executions of rulings and decisions among them).
pub const HOT_PATH: [&str; 6] = [
    "fund",
    "mark_delivered",
    "approve_milestone",
    "auto_release",
    "execute_decision",
    "execute_ruling",
];
/// The messages of a split contract's hot code that forward to its cold
/// code besides the kit's (`service_agreement`'s constructor and
/// `config`): the kit's own routing is `safeguards::kit::split`'s.
const FORWARDED: [&str; 2] = ["new", "config"];

/// One measured message.
#[derive(Debug, Clone)]
pub struct Row {
    /// The message (and a note on the path taken).
    pub message: String,
    /// Gas on `service_agreement`.
    pub gas: Gas,
    /// Gas of the same message on `baseline_escrow`, if it has one.
    pub baseline: Option<Gas>,
    /// The bytes of code the call loads ([`code_loaded`]).
    pub code: usize,
}

/// The message a row measures: its label's first word.
fn message_of(label: &str) -> &str {
    label.split_whitespace().next().unwrap_or(label)
}

/// The bytes of code a call of `message` on `bundle` loads: the
/// contract's own, and for a message its hot code forwards, the cold
/// code's too (`safeguards::kit::split`: every kit call but
/// [`split::HOT_CALLS`], every kit read, and [`FORWARDED`]).
pub fn code_loaded(bundle: &Bundle, message: &str) -> usize {
    let hot = bundle.wasm.len();
    let Some(cold) = &bundle.cold else {
        return hot;
    };
    let forwarded = match bundle.route(message) {
        Ok(r) if r.message == bundle::KIT_CALL => {
            !r.variant.is_some_and(|v| split::HOT_CALLS.contains(&v))
        }
        Ok(r) if r.message == bundle::KIT_QUERY => true,
        _ => FORWARDED.contains(&message),
    };
    if forwarded {
        hot.saturating_add(cold.wasm.len())
    } else {
        hot
    }
}

/// The ref_time of loading `bytes` of code (pallet-contracts'
/// `CodeLoadToken`).
pub fn code_load_ref_time(bytes: usize) -> u64 {
    u64::try_from(bytes)
        .unwrap_or(u64::MAX)
        .saturating_mul(sizes::CODE_LOAD_PS_PER_BYTE)
}

/// Everything `shart bench` measures.
#[derive(Debug, Clone)]
pub struct Measurements {
    /// Per message.
    pub rows: Vec<Row>,
    /// The EDS gate: registry messages and the attested acceptance.
    pub gate: Vec<Row>,
    /// (contract, optimized Wasm bytes).
    pub wasm_sizes: Vec<(String, usize)>,
    /// The storage cells per message and the largest values (counted on
    /// the core: `storage_model`).
    pub storage: StorageFigures,
    /// (milestones, gas of instantiating, gas of approving the last one).
    pub by_count: Vec<(u32, Gas, Gas)>,
    /// Cardinal's PSP22 token (`bench/psp22_reference`) in the same
    /// session: its instantiation and a `transfer`.
    pub reference: Vec<Row>,
    /// `programmable_payment`'s hot path ([`programme_rows`]).
    pub programme: Vec<Row>,
    /// `compliant_token`'s calls, with Cardinal's reference token in the
    /// same session ([`token_rows`]).
    pub token: TokenFigures,
}

/// `compliant_token` beside Cardinal's PSP22 reference, on one chain.
#[derive(Debug, Clone)]
pub struct TokenFigures {
    /// The token's calls.
    pub rows: Vec<Row>,
    /// The reference's `transfer` to a new holder and to a holder.
    pub reference: Vec<Row>,
}

/// Target from the token issue: our `transfer` (allowlisted sender and
/// recipient) within this factor of the reference `transfer`'s ref_time
/// and proof_size.
pub const TOKEN_TRANSFER_TARGET: f64 = 1.3;

impl Measurements {
    /// The optimized Wasm size of `contract`, 0 if it was not measured.
    pub fn wasm_size(&self, contract: &str) -> usize {
        self.wasm_sizes
            .iter()
            .find(|(n, _)| n == contract)
            .map_or(0, |(_, b)| *b)
    }
}

/// Instantiates an escrow of `count` milestones, makes it effective and
/// funded, delivers the last milestone and measures its approval.
fn approve_at(count: u32) -> Result<(Gas, Gas)> {
    let prices: Vec<u128> = (0..count).map(|_| 1_000).collect();
    let mut f = flagship::deploy_with(flagship::Attest::Parties, |a, r| {
        service_agreement::escrow::Config {
            milestones: service_agreement::escrow::prices(&prices),
            ..fixtures::config(a, r)
        }
    })?;
    let a = f.accounts.clone();
    f.make_effective();
    let total: u128 = prices.iter().sum();
    must("fund", f.call(&a.client, "fund", (), total))?;
    let last = count.saturating_sub(1);
    f.deliver(last, T0 + DAY);
    let g = must("approve", f.call(&a.client, "approve_milestone", last, 0))?;
    Ok((f.deployment.gas, g))
}

/// A refused PSP22 call: the report needs only that it was refused (a
/// bench step that fails stops the bench), not `PSP22Error`'s fields.
#[derive(Debug)]
struct Psp22Refusal;

impl scale::Decode for Psp22Refusal {
    fn decode<I: scale::Input>(_input: &mut I) -> Result<Self, scale::Error> {
        Ok(Self)
    }
}

fn must<R: std::fmt::Debug>(label: &str, out: crate::runtime::Outcome<R>) -> Result<Gas> {
    match &out.value {
        Ok(v) if !out.reverted => {
            let _ = v;
            Ok(out.gas)
        }
        other => Err(anyhow!("bench step `{label}` failed: {other:?}")),
    }
}

/// `programmable_payment`'s hot path, on its own chain: an allocation of
/// 1,000 to a recipient with two document kinds, both submitted and
/// approved, then released. The programme has no unguarded baseline.
fn programme_rows() -> Result<Vec<Row>> {
    let mut p = crate::payment::deploy()?;
    let a = p.accounts.clone();
    p.make_funded(10_000);
    let bundle = p.contract.bundle.clone();
    let mut rows = Vec::new();
    let mut row = |label: &str, gas: Gas| {
        rows.push(Row {
            message: format!("programmable_payment: {label}"),
            gas,
            baseline: None,
            code: code_loaded(&bundle, message_of(label)),
        });
    };
    let args = (
        ink_account(&a.recipient),
        1_000u128,
        7u32,
        T0 + 30 * DAY,
        vec![1u32, 2],
    );
    row(
        "allocate",
        must("allocate", p.call(&a.holder, "allocate", args, 0))?,
    );
    for slot in [0u32, 1] {
        let out = p.call(&a.recipient, "submit_document", (0u32, slot, doc("act")), 0);
        let g = must("submit_document", out)?;
        let out = p.call(&a.inspector, "approve_document", (0u32, slot), 0);
        let h = must("approve_document", out)?;
        if slot == 0 {
            row("submit_document", g);
            row("approve_document", h);
        }
    }
    row(
        "release",
        must("release", p.call(&a.stranger, "release", 0u32, 0))?,
    );
    row(
        "pause (forwarded)",
        must("pause", p.call(&a.guardian, "pause", doc("order"), 0))?,
    );
    Ok(rows)
}

/// `compliant_token` on its own chain (Alice and Bob attested and listed,
/// 100,000 minted to Alice), and Cardinal's reference token deployed on
/// the same chain: each `transfer` to a new holder and to a holder, then
/// the token's other everyday calls and two forwarded ones.
fn token_rows() -> Result<TokenFigures> {
    let mut t = crate::token::deploy()?;
    let a = t.accounts.clone();
    let bundle = t.contract.bundle.clone();
    let hot = bundle.wasm.len();
    let both = hot.saturating_add(bundle.cold.as_ref().map_or(0, |c| c.wasm.len()));
    let mut rows = Vec::new();
    let mut row = |label: &str, gas: Gas, code: usize| {
        rows.push(Row {
            message: format!("compliant_token: {label}"),
            gas,
            baseline: None,
            code,
        });
    };
    row("new (instantiate)", t.deployment.gas, both);
    let g = must("transfer", t.transfer(&a.alice, &a.bob, 1_000))?;
    row("PSP22::transfer (to a new holder)", g, hot);
    let g = must("transfer", t.transfer(&a.alice, &a.bob, 1_000))?;
    row("PSP22::transfer (to a holder)", g, hot);
    let approve = t.psp22(
        &a.alice,
        "PSP22::approve",
        (ink_account(&a.alice2), 5_000u128),
    );
    row("PSP22::approve", must("approve", approve)?, hot);
    let g = must(
        "transfer_from",
        t.transfer_from(&a.alice2, &a.alice, &a.bob, 1_000),
    )?;
    row("PSP22::transfer_from (spender screened)", g, hot);
    let mint = t.psp22(&a.issuer, "mint", (ink_account(&a.bob), 1_000u128));
    row("mint", must("mint", mint)?, hot);
    let held = t.transfer(&a.alice, &a.bob, crate::token::THRESHOLD + 1);
    row(
        "PSP22::transfer (above the threshold: held, decision recorded)",
        must("held transfer", held)?,
        hot,
    );
    let freeze = t.enforce(compliant_token::token::EnforcementCall::Freeze {
        account: ink_account(&a.bob),
        amount: 100,
        order: crate::token::court_order("bench order"),
    });
    row("enforce: Freeze (forwarded)", must("freeze", freeze)?, both);
    let pause = t.call(&a.guardian, "pause", doc("order"), 0);
    row("pause (forwarded)", must("pause", pause)?, both);

    // The reference, on the same chain, from a funded account.
    let psp22 = bundle::bundle("psp22_reference")?;
    let out = t.chain.deploy(
        &psp22,
        &a.admin,
        "new",
        (1_000_000u128, None::<String>, None::<String>, 0u8),
        0,
        b"psp22",
    );
    let token = out
        .value
        .map_err(|e| anyhow!("deploying psp22_reference failed: {e:?}"))?;
    let reference = reference_transfers(&mut t.chain, &token, &psp22, &a.admin, &a.bob)?;
    Ok(TokenFigures { rows, reference })
}

/// Two `transfer`s of 1,000 from `from` to `to` on the reference token
/// `token`: to a new holder, then to a holder.
fn reference_transfers(
    chain: &mut crate::runtime::Chain,
    token: &Instance,
    psp22: &Bundle,
    from: &AccountId32,
    to: &AccountId32,
) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for label in [
        "PSP22::transfer (to a new holder)",
        "PSP22::transfer (to a holder)",
    ] {
        // `Result<(), PSP22Error>`: success is the one byte of `Ok(())`.
        let out = chain.call::<_, Result<(), Psp22Refusal>>(
            token,
            from,
            "PSP22::transfer",
            (ink_account(to), 1_000u128, Vec::<u8>::new()),
            0,
        );
        rows.push(Row {
            message: label.to_owned(),
            gas: must(label, out)?,
            baseline: None,
            code: psp22.wasm.len(),
        });
    }
    Ok(rows)
}

/// Runs both contracts through the same flow.
///
/// # Errors
///
/// If a bundle cannot be built or a step fails.
pub fn measure() -> Result<Measurements> {
    let mut f = flagship::deploy_with(flagship::Attest::Nobody, fixtures::config)?;
    let a = f.accounts.clone();
    let mut gate = Vec::new();
    let mut gate_row = |message: &str, gas: Gas| {
        gate.push(Row {
            message: message.to_owned(),
            gas,
            baseline: None,
            code: 0,
        })
    };
    let g = must(
        "accredit",
        f.registry_call::<_, ()>(&a.admin, "accredit_verifier", ink_account(&a.arbitrator)),
    )?;
    gate_row("eds_registry: accredit_verifier", g);
    let g = must(
        "attest",
        f.registry_call::<_, u64>(&a.verifier, "attest", fixtures::client_evidence(&a)),
    )?;
    gate_row("eds_registry: attest (first attestation)", g);
    let g = must(
        "attest",
        f.registry_call::<_, u64>(&a.verifier, "attest", fixtures::contractor_evidence(&a)),
    )?;
    gate_row("eds_registry: attest", g);
    let registry = f.registry.clone();
    let check_args = (ink_account(&a.client), T0, fixtures::client_requirement());
    let check = f.chain.call::<_, Result<u64, safeguards::EdsError>>(
        &registry,
        &a.stranger,
        "EdsRegistry::check",
        check_args,
        0,
    );
    let check_gas = must("check", check)?;
    gate_row(
        "eds_registry: EdsRegistry::check called directly (the registry's share of an acceptance)",
        check_gas,
    );
    let mut rows = Vec::new();
    let mut row = |message: &str, gas: Gas, baseline: Option<Gas>| {
        rows.push(Row {
            message: message.to_owned(),
            gas,
            baseline,
            code: 0,
        })
    };
    let deploy_gas = f.deployment.gas;

    // Baseline in the same chain.
    let baseline = bundle::bundle("baseline_escrow")?;
    let review_period: u64 = 3 * DAY;
    let base_args = (
        ink_account(&a.client),
        ink_account(&a.contractor),
        MILESTONES.to_vec(),
        review_period,
    );
    let base_deploy = f
        .chain
        .deploy(&baseline, &a.admin, "new", base_args, 0, b"baseline");
    let base_deploy_gas = base_deploy.gas;
    let base: Instance = base_deploy
        .value
        .map_err(|e| anyhow!("deploying baseline_escrow failed: {e:?}"))?;
    let base_call = |f: &mut flagship::Flagship,
                     who: &AccountId32,
                     m: &str,
                     args: &dyn Fn() -> Vec<u8>,
                     value: u128|
     -> Result<Gas> {
        let out = f
            .chain
            .call::<Encoded, Result<(), baseline_escrow::baseline_escrow::Error>>(
                &base,
                who,
                m,
                Encoded(args()),
                value,
            );
        must(m, out)
    };
    row("new (instantiate)", deploy_gas, Some(base_deploy_gas));

    let agreement = sha256(MASTER_AGREEMENT.as_bytes());
    let g = must(
        "accept",
        f.call(
            &a.client,
            "accept_agreement",
            (agreement, 1u32, f.config_digest),
            0,
        ),
    )?;
    row("accept_agreement (first party)", g, None);
    let attested_accept = g;
    let g = must(
        "accept",
        f.call(
            &a.contractor,
            "accept_agreement",
            (agreement, 1u32, f.config_digest),
            0,
        ),
    )?;
    row("accept_agreement (last party: effective)", g, None);

    let total: u128 = MILESTONES.iter().sum();
    let g = must("fund", f.call(&a.client, "fund", (), total))?;
    let b = base_call(&mut f, &a.client, "fund", &|| Vec::new(), total)?;
    row("fund", g, Some(b));

    f.chain.advance_to(T0 + DAY);
    let g = must("deliver", f.call(&a.contractor, "mark_delivered", 0u32, 0))?;
    let b = base_call(
        &mut f,
        &a.contractor,
        "mark_delivered",
        &|| 0u32.encode(),
        0,
    )?;
    row("mark_delivered", g, Some(b));
    let g = must("approve", f.call(&a.client, "approve_milestone", 0u32, 0))?;
    let b = base_call(&mut f, &a.client, "approve_milestone", &|| 0u32.encode(), 0)?;
    row("approve_milestone (release)", g, Some(b));

    f.chain.advance_to(T0 + 2 * DAY);
    must("deliver", f.call(&a.contractor, "mark_delivered", 1u32, 0))?;
    base_call(
        &mut f,
        &a.contractor,
        "mark_delivered",
        &|| 1u32.encode(),
        0,
    )?;
    f.chain.advance_to(T0 + 5 * DAY);
    let g = must("auto", f.call(&a.stranger, "auto_release", 1u32, 0))?;
    row("auto_release (records the automated decision)", g, None);
    let g = must(
        "request_review",
        f.call(&a.client, "request_review", (1u32, doc("reasons")), 0),
    )?;
    row("request_review", g, None);
    let g = must(
        "resolve_review",
        f.call(
            &a.reviewer,
            "resolve_review",
            (1u32, None::<safeguards::review::Verdict>, doc("reasoning")),
            0,
        ),
    )?;
    row("resolve_review (uphold)", g, None);
    let g = must(
        "execute_decision",
        f.call(&a.stranger, "execute_decision", 1u32, 0),
    )?;
    let b = base_call(&mut f, &a.stranger, "auto_release", &|| 1u32.encode(), 0)?;
    row(
        "execute_decision (automated release; baseline: auto_release)",
        g,
        Some(b),
    );

    f.chain.advance_to(T0 + 6 * DAY);
    must("deliver", f.call(&a.contractor, "mark_delivered", 2u32, 0))?;
    let g = must(
        "dispute",
        f.call(&a.client, "raise_dispute", (2u32, doc("e1")), 0),
    )?;
    row("raise_dispute", g, None);
    let g = must(
        "evidence",
        f.call(&a.contractor, "submit_evidence", (0u32, doc("e2")), 0),
    )?;
    row("submit_evidence", g, None);
    let g = must(
        "rule",
        f.call(&a.arbitrator, "rule", (0u32, 3_000u16, doc("a1")), 0),
    )?;
    row("rule", g, None);
    let g = must(
        "appeal",
        f.call(&a.contractor, "appeal", (0u32, doc("g")), 0),
    )?;
    row("appeal", g, None);
    must(
        "rule",
        f.call(&a.arbitrator, "rule", (0u32, 4_000u16, doc("a2")), 0),
    )?;
    f.chain.advance_to(T0 + 20 * DAY);
    let g = must("execute", f.call(&a.stranger, "execute_ruling", 0u32, 0))?;
    row("execute_ruling", g, None);

    let g = must(
        "grant",
        f.call(
            &a.admin,
            "grant_role",
            (safeguards::roles::Role::Reviewer, ink_account(&a.stranger)),
            0,
        ),
    )?;
    row("grant_role", g, None);
    let g = must("pause", f.call(&a.guardian, "pause", doc("order"), 0))?;
    row("pause", g, None);
    let g = must("resume", f.call(&a.admin, "resume", (), 0))?;
    row("resume", g, None);
    must("pause", f.call(&a.guardian, "pause", doc("order"), 0))?;
    let g = must(
        "terminate",
        f.call(&a.admin, "terminate", doc("decision"), 0),
    )?;
    row("terminate (settle 2 milestones)", g, None);

    gate_row(
        "service_agreement: accept_agreement, attested (one cross-contract call to check)",
        attested_accept,
    );
    gate_row(
        "service_agreement: accept_agreement without the gate, estimated (attested minus the registry's share)",
        Gas {
            ref_time: attested_accept.ref_time.saturating_sub(check_gas.ref_time),
            proof_size: attested_accept
                .proof_size
                .saturating_sub(check_gas.proof_size),
        },
    );
    let g = must(
        "revoke",
        f.registry_call::<_, ()>(
            &a.verifier,
            "revoke",
            (2u64, safeguards::eds::RevocationReason::CertificateRevoked),
        ),
    )?;
    gate_row("eds_registry: revoke", g);
    let g = must(
        "note",
        f.call(
            &a.stranger,
            "note_invalidated_attestation",
            (ink_account(&a.contractor), 2u64),
            0,
        ),
    )?;
    gate_row(
        "service_agreement: note_invalidated_attestation (one cross-contract call)",
        g,
    );

    // Cardinal's PSP22 token, in the same session: what a token user pays.
    let psp22 = bundle::bundle("psp22_reference")?;
    let mut reference = Vec::new();
    let supply: u128 = 1_000_000;
    let out = f.chain.deploy(
        &psp22,
        &a.admin,
        "new",
        (supply, None::<String>, None::<String>, 0u8),
        0,
        b"psp22",
    );
    let token_gas = out.gas;
    let token = out
        .value
        .map_err(|e| anyhow!("deploying psp22_reference failed: {e:?}"))?;
    reference.push(Row {
        message: "new (instantiate, 1,000,000 to the deployer)".to_owned(),
        gas: token_gas,
        baseline: None,
        code: psp22.wasm.len(),
    });
    reference.extend(reference_transfers(
        &mut f.chain,
        &token,
        &psp22,
        &a.admin,
        &a.client,
    )?);
    let agreement_bundle = f.contract.bundle.clone();
    for r in &mut rows {
        r.code = code_loaded(&agreement_bundle, message_of(&r.message));
    }
    let mut wasm_sizes = Vec::new();
    for spec in CONTRACTS {
        let b = bundle::bundle(spec.name)?;
        wasm_sizes.push((spec.name.to_owned(), b.wasm.len()));
    }
    let registry = ink_account(&f.registry.address);
    let storage = storage_model::measure(fixtures::config(&a, registry), &a)?;
    let mut by_count = Vec::new();
    for count in MILESTONE_COUNTS {
        let (deploy, approve) = approve_at(count)?;
        by_count.push((count, deploy, approve));
    }
    Ok(Measurements {
        rows,
        gate,
        wasm_sizes,
        storage,
        by_count,
        reference,
        programme: programme_rows()?,
        token: token_rows()?,
    })
}

/// The `compliant_token` section: its calls, then its `transfer` against
/// the reference's, with the aim.
fn render_token(s: &mut String, t: &TokenFigures) {
    let _ = writeln!(s, "\n## compliant_token\n");
    let _ = writeln!(
        s,
        "On its own chain: Alice and Bob attested and allowlisted, 100,000 minted to \
         Alice, the hold threshold at 10,000. Cardinal's reference token is deployed on \
         the same chain and measured right after.\n"
    );
    let _ = writeln!(
        s,
        "| call | ref_time | proof_size | code loaded (bytes) | code-load share (ref_time / proof) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|");
    for r in t.rows.iter().chain(t.reference.iter()) {
        let name = if t.reference.iter().any(|x| std::ptr::eq(x, r)) {
            format!("psp22_reference: {}", r.message)
        } else {
            r.message.clone()
        };
        let _ = writeln!(
            s,
            "| {name} | {} | {} | {} | {} |",
            r.gas.ref_time,
            r.gas.proof_size,
            r.code,
            load_share(r)
        );
    }
    for (ours, theirs) in t
        .rows
        .iter()
        .filter(|r| r.message.contains("PSP22::transfer (to a"))
        .zip(&t.reference)
    {
        let (rt, ps) = (
            ratio(ours.gas.ref_time, theirs.gas.ref_time),
            ratio(ours.gas.proof_size, theirs.gas.proof_size),
        );
        let met = rt <= TOKEN_TRANSFER_TARGET && ps <= TOKEN_TRANSFER_TARGET;
        let _ = writeln!(
            s,
            "\n`{}` costs {rt:.2}× the reference's in ref_time and {ps:.2}× in proof_size \
             (aim: ≤ {TOKEN_TRANSFER_TARGET}×; {}).",
            ours.message.trim_start_matches("compliant_token: "),
            if met { "met" } else { "not met" }
        );
    }
}

/// The three targets, each with its verdict and figures.
fn render_targets(s: &mut String, m: &Measurements) {
    let _ = writeln!(s, "\n## Targets\n");
    let hot: Vec<&Row> = m
        .rows
        .iter()
        .filter(|r| HOT_PATH.contains(&message_of(&r.message)))
        .collect();
    let mut hot_times: Vec<u64> = hot.iter().map(|r| r.gas.ref_time).collect();
    hot_times.sort_unstable();
    let median = hot_times.get(hot_times.len() / 2).copied().unwrap_or(0);
    let verdict = |ok: bool| if ok { "met" } else { "not met" };
    let _ = writeln!(
        s,
        "**Hot path within {HOT_PATH_RATIO_TARGET}× the baseline** (ref_time and proof_size; \
         the baseline has no automated decision or dispute, so `auto_release` and \
         `execute_ruling` have no row to compare):\n"
    );
    let baseline_code = m.wasm_size("baseline_escrow");
    for r in &hot {
        match r.baseline {
            Some(b) => {
                let (rt, ps) = (
                    ratio(r.gas.ref_time, b.ref_time),
                    ratio(r.gas.proof_size, b.proof_size),
                );
                let run = r.gas.ref_time.saturating_sub(code_load_ref_time(r.code));
                let base_run = b.ref_time.saturating_sub(code_load_ref_time(baseline_code));
                let _ = writeln!(
                    s,
                    "- `{}`: {rt:.2}× / {ps:.2}×: {}. Loading {} bytes of code is {:.2} G of its \
                     {:.2} G (the baseline's {baseline_code} bytes: {:.2} G); what runs after \
                     the load is {:.2} G against the baseline's {:.2} G ({:.2}×).",
                    r.message,
                    verdict(rt <= HOT_PATH_RATIO_TARGET && ps <= HOT_PATH_RATIO_TARGET),
                    r.code,
                    code_load_ref_time(r.code) as f64 / 1e9,
                    r.gas.ref_time as f64 / 1e9,
                    code_load_ref_time(baseline_code) as f64 / 1e9,
                    run as f64 / 1e9,
                    base_run as f64 / 1e9,
                    ratio(run, base_run)
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "- `{}`: no baseline; {:.2} G ref_time, code loaded {} bytes.",
                    r.message,
                    r.gas.ref_time as f64 / 1e9,
                    r.code
                );
            }
        }
    }
    let others: Vec<&Row> = m
        .rows
        .iter()
        .filter(|r| !HOT_PATH.contains(&message_of(&r.message)) && message_of(&r.message) != "new")
        .collect();
    let worst = others
        .iter()
        .max_by_key(|r| r.gas.ref_time)
        .map(|r| (r.message.as_str(), ratio(r.gas.ref_time, median)));
    if let Some((msg, worst_ratio)) = worst {
        let _ = writeln!(
            s,
            "\n**Every other message within {OTHER_TO_HOT_MEDIAN_TARGET}× the hot path's median** \
             ({:.2} G): the costliest is `{msg}` at {worst_ratio:.2}×: {}.",
            median as f64 / 1e9,
            verdict(worst_ratio <= OTHER_TO_HOT_MEDIAN_TARGET)
        );
    }
    let hot_code = hot.iter().map(|r| r.code).max().unwrap_or(0);
    let _ = writeln!(
        s,
        "\n**Code loaded on a hot-path call ≤ 24 KiB**: {hot_code} bytes ({:.1} KiB) for \
         `service_agreement`: {}. `docs/code-size.md` (`shart bench --sizes`) shows what \
         the hot code is made of: about half is ink!'s dispatcher (`call`), into which the \
         message bodies and the root value's codec are inlined; then the review and dispute \
         records the two executions read, and the events' emission (`apply_hot`, which holds \
         the four safeguard events an everyday step can produce, not all twenty-three). \
         `programmable_payment`'s hot-path calls load its hot code, in the Wasm table below \
         (its section gives their gas).",
        hot_code as f64 / 1024.0,
        verdict(hot_code <= WASM_SIZE_TARGET)
    );
}

/// The share of a row's ref_time and proof_size that loading its code
/// costs, as a table cell; none for an instantiation, which brings its own
/// code in the transaction (the load of stored code is not what it pays
/// for).
fn load_share(r: &Row) -> String {
    if message_of(&r.message) == "new" {
        return "–".to_owned();
    }
    format!(
        "{:.0} % / {:.0} %",
        ratio(code_load_ref_time(r.code), r.gas.ref_time) * 100.0,
        ratio(u64::try_from(r.code).unwrap_or(u64::MAX), r.gas.proof_size) * 100.0
    )
}

fn ratio(gas: u64, base: u64) -> f64 {
    if base == 0 {
        return f64::NAN;
    }
    gas as f64 / base as f64
}

/// Renders the report (Markdown).
pub fn render(m: &Measurements) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Gas report\n");
    let _ = writeln!(
        s,
        "Written by `shart bench` (see `src/programs/bench.rs`); do not edit by hand. Figures are\n\
         pallet-contracts gas metered in the drink local runtime (`MinimalSandbox`,\n\
         drink 0.18.0, ink! 5.1.1, Rust 1.91.1): deterministic for a given source, not\n\
         timed. `baseline_escrow` is the same milestone logic without any safeguard,\n\
         deployed in the same session (benchmark only).\n"
    );
    let _ = writeln!(s, "## Gas per message\n");
    let _ = writeln!(
        s,
        "![Gas per call, code load and the rest, beside the baseline and the PSP22 reference](gas-chart.svg)\n"
    );
    let _ = writeln!(
        s,
        "Cells are the distinct storage values a message reads and writes, the\n\
         root value included (`src/programs/storage_model.rs` counts them on the escrow\n\
         core over a store with the contract's layout; ink! 5 reads the root on\n\
         every message and writes it back after every successful state change).\n"
    );
    let _ = writeln!(
        s,
        "Code loaded is what the call loads before it runs: the hot contract's\n\
         Wasm, and for a message it forwards the cold code's too\n\
         (`safeguards::kit::split`). Its share is that code's load cost\n\
         ({} ps of ref_time and one byte of proof_size per byte) in the message's\n\
         ref_time and proof_size.\n",
        sizes::CODE_LOAD_PS_PER_BYTE
    );
    let _ = writeln!(
        s,
        "| message | ref_time | proof_size | code loaded (bytes) | code-load share (ref_time / proof) | cells read | cells written | baseline ref_time | baseline proof_size | ratio (ref_time / proof) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &m.rows {
        let (bt, bp, ratio_s) = match r.baseline {
            Some(b) => (
                b.ref_time.to_string(),
                b.proof_size.to_string(),
                format!(
                    "{:.2}× / {:.2}×",
                    ratio(r.gas.ref_time, b.ref_time),
                    ratio(r.gas.proof_size, b.proof_size)
                ),
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        let share = load_share(r);
        let (cr, cw) = m
            .storage
            .messages
            .iter()
            .find(|(label, _)| *label == r.message)
            .map_or(("–".to_owned(), "–".to_owned()), |(_, c)| {
                (c.read.to_string(), c.written.to_string())
            });
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {share} | {cr} | {cw} | {bt} | {bp} | {ratio_s} |",
            r.message, r.gas.ref_time, r.gas.proof_size, r.code
        );
    }
    render_targets(&mut s, m);
    let _ = writeln!(s, "\n## programmable_payment\n");
    let _ = writeln!(
        s,
        "Its hot path on its own chain (an allocation with two document kinds, each \
         submitted and approved, then released), and one forwarded call. It has no \
         unguarded baseline to compare with.\n"
    );
    let _ = writeln!(
        s,
        "| message | ref_time | proof_size | code loaded (bytes) | code-load share (ref_time / proof) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|");
    for r in &m.programme {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            r.message,
            r.gas.ref_time,
            r.gas.proof_size,
            r.code,
            load_share(r)
        );
    }
    let _ = writeln!(s, "\n## The PSP22 reference\n");
    let _ = writeln!(
        s,
        "Cardinal's `psp22` 2.0.0 token, built from that crate's own example \
         contract (`bench/psp22_reference`) and run in the same session: the call a \
         token user already pays for, beside Shart's payments.\n"
    );
    let _ = writeln!(
        s,
        "| call | ref_time | proof_size | code loaded (bytes) | code-load share (ref_time / proof) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|");
    for r in &m.reference {
        let share = load_share(r);
        let _ = writeln!(
            s,
            "| psp22_reference: {} | {} | {} | {} | {share} |",
            r.message, r.gas.ref_time, r.gas.proof_size, r.code
        );
    }
    if let (Some(t), Some(r)) = (
        m.reference.last(),
        m.rows
            .iter()
            .find(|r| r.message.starts_with("approve_milestone")),
    ) {
        let _ = writeln!(
            s,
            "\nReleasing a milestone (`approve_milestone`, a payment under the four \
             safeguards) costs {:.2}× a PSP22 `transfer` in ref_time and {:.2}× in \
             proof_size.",
            ratio(r.gas.ref_time, t.gas.ref_time),
            ratio(r.gas.proof_size, t.gas.proof_size)
        );
    }
    render_token(&mut s, &m.token);
    let _ = writeln!(s, "\n## Gas by number of milestones\n");
    let _ = writeln!(
        s,
        "Each milestone is its own storage value, so a message costs the same at any\n\
         count; instantiation writes one value per milestone. Measured on escrows of\n\
         1,000-unit milestones, approving the last one.\n"
    );
    let _ = writeln!(
        s,
        "| milestones | new ref_time | new proof_size | approve_milestone ref_time | approve_milestone proof_size | approve vs 1 milestone |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|");
    let first = m.by_count.first().map(|(_, _, g)| g.ref_time).unwrap_or(0);
    for (count, deploy, approve) in &m.by_count {
        let _ = writeln!(
            s,
            "| {count} | {} | {} | {} | {} | {:+.2} % |",
            deploy.ref_time,
            deploy.proof_size,
            approve.ref_time,
            approve.proof_size,
            (ratio(approve.ref_time, first) - 1.0) * 100.0
        );
    }
    let _ = writeln!(s, "\n## Largest storage value per table\n");
    let _ = writeln!(
        s,
        "After the flow above, on the core's model of the contract's layout. The\n\
         limit is 416 bytes (pallet-revive's); the tests in\n\
         `review_harness.rs::storage_layout` check every table at its bound.\n"
    );
    let _ = writeln!(s, "| table | largest value (bytes) |");
    let _ = writeln!(s, "|---|---:|");
    for (cell, bytes) in &m.storage.largest {
        let _ = writeln!(s, "| {} | {bytes} |", storage_model::table_name(*cell));
    }
    let _ = writeln!(s, "\n## The EDS gate\n");
    let _ = writeln!(
        s,
        "Accepting the agreement asks the EDS registry for a valid attestation: one\n\
         cross-contract call (`EdsRegistry::check`). The registry's share is measured\n\
         by calling `check` directly as a transaction; an acceptance without the gate\n\
         is estimated as the attested acceptance minus that share (no ungated build\n\
         of the contract exists to measure it exactly).\n"
    );
    let _ = writeln!(s, "| step | ref_time | proof_size |");
    let _ = writeln!(s, "|---|---:|---:|");
    for r in &m.gate {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            r.message, r.gas.ref_time, r.gas.proof_size
        );
    }
    let _ = writeln!(s, "\n## Optimized Wasm size\n");
    let _ = writeln!(
        s,
        "The 24 KiB target is for the code a hot-path call loads: a split\n\
         contract's hot code (`service_agreement`); its cold code\n\
         (`service_agreement_cold`) is loaded only by the calls it serves.\n"
    );
    let _ = writeln!(s, "| contract | bytes | KiB | ≤ 24 KiB |");
    let _ = writeln!(s, "|---|---:|---:|---|");
    for (name, bytes) in &m.wasm_sizes {
        let meets = if *bytes <= WASM_SIZE_TARGET {
            "met"
        } else {
            "not met"
        };
        let _ = writeln!(
            s,
            "| {name} | {bytes} | {:.1} | {meets} |",
            *bytes as f64 / 1024.0
        );
    }
    if let Some(r) = m
        .rows
        .iter()
        .find(|r| r.message.starts_with("approve_milestone"))
    {
        if let Some(b) = r.baseline {
            let overhead = ratio(r.gas.ref_time, b.ref_time) - 1.0;
            let verdict = if overhead <= RELEASE_OVERHEAD_TARGET {
                "met"
            } else {
                "not met"
            };
            let _ = writeln!(
                s,
                "\n## Safeguard overhead on releasing a milestone\n\n\
                 `approve_milestone` costs {:+.1} % ref_time against the baseline \
                 (target ≤ +3 %: {verdict}).\n\n\
                 Reading the figures: pallet-contracts charges for loading the contract's \
                 code on every call, and proof_size grows with the code (here {} bytes \
                 against {} for the baseline). Most of the overhead is the size of a \
                 contract that carries five safeguards, not the work the safeguards do \
                 per call; shrinking the Wasm is the lever.",
                overhead * 100.0,
                r.gas.proof_size,
                b.proof_size
            );
        }
    }
    s
}

/// `shart bench`.
///
/// # Errors
///
/// If measuring fails or the report cannot be written.
pub fn main() -> Result<()> {
    let m = measure()?;
    let report = render(&m);
    print!("{report}");
    let path = bundle::workspace_root().join("docs").join("gas-report.md");
    fs::create_dir_all(path.parent().unwrap_or(&path))?;
    fs::write(&path, &report)?;
    eprintln!("wrote {}", path.display());
    let chart = bundle::workspace_root().join("docs").join("gas-chart.svg");
    crate::chart::draw(&m, &chart)?;
    eprintln!("wrote {}", chart.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::{collections::BTreeMap, path::PathBuf};

    use super::*;

    fn bundle(wasm: usize, messages: &[&str], cold: Option<Bundle>) -> Bundle {
        Bundle {
            name: "t".into(),
            wasm: vec![0; wasm],
            constructors: BTreeMap::new(),
            messages: messages
                .iter()
                .enumerate()
                .map(|(i, m)| ((*m).to_owned(), [u8::try_from(i).unwrap(); 4]))
                .collect(),
            path: PathBuf::new(),
            cold: cold.map(Box::new),
        }
    }

    #[test]
    fn a_forwarded_call_loads_both_blobs_and_a_hot_one_only_the_contract() {
        // given: a split contract of 100 bytes whose cold code has 1,000
        let entries = ["safeguard", "safeguard_query", "fund", "config"];
        let cold = bundle(1_000, &entries, None);
        let split = bundle(100, &entries, Some(cold));
        // then: the executions and the business messages load the hot code
        for message in ["execute_ruling", "execute_decision", "fund"] {
            assert_eq!(code_loaded(&split, message), 100, "{message}");
        }
        // and every other kit call, every kit read and config() both
        for message in [
            "pause",
            "raise_dispute",
            "accept_agreement",
            "state",
            "config",
            "new",
        ] {
            assert_eq!(code_loaded(&split, message), 1_100, "{message}");
        }
        // and an unsplit contract loads itself
        assert_eq!(code_loaded(&bundle(7, &entries, None), "pause"), 7);
        assert_eq!(code_load_ref_time(2), 2 * sizes::CODE_LOAD_PS_PER_BYTE);
    }
}

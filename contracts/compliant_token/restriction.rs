//! The token's transfer restrictions: one published, append-only code per
//! reason a PSP22 step (`transfer`, `transfer_from`, `mint`, `burn`) is
//! refused, in the manner of ERC-1404 (`detectTransferRestriction`,
//! `messageForTransferRestriction`): 0 is success, every other code names
//! one reason, and a code once published keeps its number and meaning.
//!
//! A refusal inside a PSP22 message returns the standard's own error where
//! the standard has one (`InsufficientBalance`, `InsufficientAllowance`)
//! and otherwise `PSP22Error::Custom` with [`Restriction::code_string`],
//! `"SHART-<code> <NAME>"` (`"SHART-09 RECIPIENT_NOT_LISTED"`): a wallet
//! matches the prefix and the two digits, never the prose. The messages
//! for people, in English, Russian and Kazakh, are
//! [`Restriction::message`]; docs/compliant-token.md prints the table.
use safeguards::allowlist::ListRefusal;

/// A language of [`Restriction::message`]: the state language, the
/// language of inter-ethnic communication and English, the languages an
/// AIFC participant's documents use (Constitution, Art. 7; AIFC
/// Constitutional Statute, Art. 4(5)).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Kazakh.
    Kk,
}

/// Why a PSP22 step is refused. The SCALE index of each variant is its
/// published code ([`Restriction::code`]): append only.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Restriction {
    /// 0: no restriction (what the detection views return for a transfer
    /// that would succeed; never an error).
    Success = 0,
    /// 1: the token is paused (kill switch).
    Paused = 1,
    /// 2: the token is terminated: nothing moves but by an order.
    Terminated = 2,
    /// 3: the lock-up period of the compliance rules has not ended.
    LockedUp = 3,
    /// 4: the sender holds no allowlist entry.
    SenderNotListed = 4,
    /// 5: the sender's entry is suspended.
    SenderSuspended = 5,
    /// 6: the sender's entry is blocked.
    SenderBlocked = 6,
    /// 7: the sender's entry is not in force yet.
    SenderNotYetValid = 7,
    /// 8: the sender's entry has expired.
    SenderExpired = 8,
    /// 9: the recipient holds no allowlist entry.
    RecipientNotListed = 9,
    /// 10: the recipient's entry is suspended.
    RecipientSuspended = 10,
    /// 11: the recipient's entry is blocked.
    RecipientBlocked = 11,
    /// 12: the recipient's entry is not in force yet.
    RecipientNotYetValid = 12,
    /// 13: the recipient's entry has expired.
    RecipientExpired = 13,
    /// 14: the spender (of a `transfer_from`) holds no allowlist entry in
    /// force.
    SpenderNotAllowed = 14,
    /// 15: the sender's account is frozen by an order.
    SenderFrozen = 15,
    /// 16: the recipient's account is frozen by an order.
    RecipientFrozen = 16,
    /// 17: the amount exceeds the sender's balance (returned as the
    /// standard's `InsufficientBalance`).
    InsufficientBalance = 17,
    /// 18: the amount exceeds the part of the balance not frozen by an
    /// order nor held for review.
    FrozenBalance = 18,
    /// 19: the amount exceeds the allowance (returned as the standard's
    /// `InsufficientAllowance`).
    InsufficientAllowance = 19,
    /// 20: minting would exceed the supply cap of the compliance rules.
    SupplyCapExceeded = 20,
    /// 21: only the issuer mints and burns.
    NotIssuer = 21,
    /// 22: the issuer has not accepted the issuance terms: nothing is
    /// minted before.
    NotEffective = 22,
    /// 23: the transfer is above the hold threshold and no more automated
    /// decisions can be recorded (the review core's ids are exhausted).
    HoldNotRecorded = 23,
}

/// Every code, in order: the published table.
pub const TABLE: [Restriction; 24] = [
    Restriction::Success,
    Restriction::Paused,
    Restriction::Terminated,
    Restriction::LockedUp,
    Restriction::SenderNotListed,
    Restriction::SenderSuspended,
    Restriction::SenderBlocked,
    Restriction::SenderNotYetValid,
    Restriction::SenderExpired,
    Restriction::RecipientNotListed,
    Restriction::RecipientSuspended,
    Restriction::RecipientBlocked,
    Restriction::RecipientNotYetValid,
    Restriction::RecipientExpired,
    Restriction::SpenderNotAllowed,
    Restriction::SenderFrozen,
    Restriction::RecipientFrozen,
    Restriction::InsufficientBalance,
    Restriction::FrozenBalance,
    Restriction::InsufficientAllowance,
    Restriction::SupplyCapExceeded,
    Restriction::NotIssuer,
    Restriction::NotEffective,
    Restriction::HoldNotRecorded,
];

impl Restriction {
    /// Its published code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The restriction of code `code`, if the table has one.
    pub fn from_code(code: u8) -> Option<Self> {
        TABLE.get(usize::from(code)).copied()
    }

    /// The sender's restriction for an allowlist refusal.
    pub fn sender(refusal: ListRefusal) -> Self {
        match refusal {
            ListRefusal::NotListed => Self::SenderNotListed,
            ListRefusal::Suspended { .. } => Self::SenderSuspended,
            ListRefusal::Blocked { .. } => Self::SenderBlocked,
            ListRefusal::NotYetValid { .. } => Self::SenderNotYetValid,
            ListRefusal::Expired { .. } => Self::SenderExpired,
        }
    }

    /// The recipient's restriction for an allowlist refusal.
    pub fn recipient(refusal: ListRefusal) -> Self {
        match refusal {
            ListRefusal::NotListed => Self::RecipientNotListed,
            ListRefusal::Suspended { .. } => Self::RecipientSuspended,
            ListRefusal::Blocked { .. } => Self::RecipientBlocked,
            ListRefusal::NotYetValid { .. } => Self::RecipientNotYetValid,
            ListRefusal::Expired { .. } => Self::RecipientExpired,
        }
    }

    /// Its stable name, as `PSP22Error::Custom` carries it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Success => "SUCCESS",
            Self::Paused => "PAUSED",
            Self::Terminated => "TERMINATED",
            Self::LockedUp => "LOCKED_UP",
            Self::SenderNotListed => "SENDER_NOT_LISTED",
            Self::SenderSuspended => "SENDER_SUSPENDED",
            Self::SenderBlocked => "SENDER_BLOCKED",
            Self::SenderNotYetValid => "SENDER_NOT_YET_VALID",
            Self::SenderExpired => "SENDER_EXPIRED",
            Self::RecipientNotListed => "RECIPIENT_NOT_LISTED",
            Self::RecipientSuspended => "RECIPIENT_SUSPENDED",
            Self::RecipientBlocked => "RECIPIENT_BLOCKED",
            Self::RecipientNotYetValid => "RECIPIENT_NOT_YET_VALID",
            Self::RecipientExpired => "RECIPIENT_EXPIRED",
            Self::SpenderNotAllowed => "SPENDER_NOT_ALLOWED",
            Self::SenderFrozen => "SENDER_FROZEN",
            Self::RecipientFrozen => "RECIPIENT_FROZEN",
            Self::InsufficientBalance => "INSUFFICIENT_BALANCE",
            Self::FrozenBalance => "FROZEN_BALANCE",
            Self::InsufficientAllowance => "INSUFFICIENT_ALLOWANCE",
            Self::SupplyCapExceeded => "SUPPLY_CAP_EXCEEDED",
            Self::NotIssuer => "NOT_ISSUER",
            Self::NotEffective => "NOT_EFFECTIVE",
            Self::HoldNotRecorded => "HOLD_NOT_RECORDED",
        }
    }

    /// `"SHART-<code> <NAME>"`, the code in two digits: what
    /// `PSP22Error::Custom` carries.
    pub fn code_string(self) -> ink::prelude::string::String {
        let code = self.code();
        let digits = [
            b'0'.saturating_add(code / 10),
            b'0'.saturating_add(code % 10),
        ];
        let mut s = ink::prelude::string::String::from("SHART-");
        s.push(char::from(digits[0]));
        s.push(char::from(digits[1]));
        s.push(' ');
        s.push_str(self.name());
        s
    }

    /// The message for people, in `language`.
    pub fn message(self, language: Language) -> &'static str {
        let [en, ru, kk] = self.messages();
        match language {
            Language::En => en,
            Language::Ru => ru,
            Language::Kk => kk,
        }
    }

    fn messages(self) -> [&'static str; 3] {
        match self {
            Self::Success => [
                "No restriction: the transfer can be made.",
                "Ограничений нет: перевод может быть выполнен.",
                "Шектеу жоқ: аударым жасалуы мүмкін.",
            ],
            Self::Paused => [
                "The token is paused; transfers resume when the administrator lifts the pause.",
                "Токен приостановлен; переводы возобновятся после снятия приостановки администратором.",
                "Токен тоқтатыла тұрды; әкімші тоқтатуды алғаннан кейін аударымдар жалғасады.",
            ],
            Self::Terminated => [
                "The token is terminated; no transfer is possible.",
                "Действие токена прекращено; переводы невозможны.",
                "Токеннің әрекеті тоқтатылды; аударым мүмкін емес.",
            ],
            Self::LockedUp => [
                "The lock-up period has not ended.",
                "Срок запрета на отчуждение (lock-up) ещё не истёк.",
                "Иеліктен шығаруға тыйым салу (lock-up) мерзімі әлі аяқталған жоқ.",
            ],
            Self::SenderNotListed => [
                "The sender is not on the allowlist.",
                "Отправитель не включён в список допущенных лиц.",
                "Жіберуші рұқсат етілген тұлғалар тізіміне енгізілмеген.",
            ],
            Self::SenderSuspended => [
                "The sender's allowlist entry is suspended.",
                "Допуск отправителя приостановлен.",
                "Жіберушінің рұқсаты тоқтатыла тұрды.",
            ],
            Self::SenderBlocked => [
                "The sender's allowlist entry is blocked.",
                "Допуск отправителя заблокирован.",
                "Жіберушінің рұқсаты бұғатталды.",
            ],
            Self::SenderNotYetValid => [
                "The sender's allowlist entry is not in force yet.",
                "Допуск отправителя ещё не вступил в силу.",
                "Жіберушінің рұқсаты әлі күшіне енген жоқ.",
            ],
            Self::SenderExpired => [
                "The sender's allowlist entry has expired.",
                "Срок допуска отправителя истёк.",
                "Жіберушінің рұқсат мерзімі өтті.",
            ],
            Self::RecipientNotListed => [
                "The recipient is not on the allowlist.",
                "Получатель не включён в список допущенных лиц.",
                "Алушы рұқсат етілген тұлғалар тізіміне енгізілмеген.",
            ],
            Self::RecipientSuspended => [
                "The recipient's allowlist entry is suspended.",
                "Допуск получателя приостановлен.",
                "Алушының рұқсаты тоқтатыла тұрды.",
            ],
            Self::RecipientBlocked => [
                "The recipient's allowlist entry is blocked.",
                "Допуск получателя заблокирован.",
                "Алушының рұқсаты бұғатталды.",
            ],
            Self::RecipientNotYetValid => [
                "The recipient's allowlist entry is not in force yet.",
                "Допуск получателя ещё не вступил в силу.",
                "Алушының рұқсаты әлі күшіне енген жоқ.",
            ],
            Self::RecipientExpired => [
                "The recipient's allowlist entry has expired.",
                "Срок допуска получателя истёк.",
                "Алушының рұқсат мерзімі өтті.",
            ],
            Self::SpenderNotAllowed => [
                "The spender is not on the allowlist or its entry is not in force.",
                "Распорядитель не включён в список допущенных лиц или его допуск не действует.",
                "Өкілетті тұлға рұқсат етілген тізімде жоқ немесе оның рұқсаты күшінде емес.",
            ],
            Self::SenderFrozen => [
                "The sender's account is frozen by an order.",
                "Счёт отправителя заморожен по предписанию.",
                "Жіберушінің шоты нұсқама бойынша бұғатталды.",
            ],
            Self::RecipientFrozen => [
                "The recipient's account is frozen by an order.",
                "Счёт получателя заморожен по предписанию.",
                "Алушының шоты нұсқама бойынша бұғатталды.",
            ],
            Self::InsufficientBalance => [
                "The amount exceeds the sender's balance.",
                "Сумма превышает баланс отправителя.",
                "Сома жіберушінің қалдығынан асады.",
            ],
            Self::FrozenBalance => [
                "The amount exceeds the part of the balance that is neither frozen nor held for review.",
                "Сумма превышает часть баланса, не замороженную и не удерживаемую для проверки.",
                "Сома қалдықтың бұғатталмаған және тексеруге ұсталмаған бөлігінен асады.",
            ],
            Self::InsufficientAllowance => [
                "The amount exceeds the allowance.",
                "Сумма превышает разрешённый лимит распоряжения.",
                "Сома рұқсат етілген билік ету лимитінен асады.",
            ],
            Self::SupplyCapExceeded => [
                "Minting would exceed the supply cap.",
                "Выпуск превысит предельный объём эмиссии.",
                "Шығарылым эмиссияның шекті көлемінен асып кетеді.",
            ],
            Self::NotIssuer => [
                "Only the issuer may mint or burn.",
                "Выпускать и погашать токены может только эмитент.",
                "Токендерді тек эмитент шығара және өтей алады.",
            ],
            Self::NotEffective => [
                "The issuer has not yet accepted the issuance terms.",
                "Эмитент ещё не принял условия выпуска.",
                "Эмитент шығарылым талаптарын әлі қабылдаған жоқ.",
            ],
            Self::HoldNotRecorded => [
                "The transfer requires review, but no further decision can be recorded.",
                "Перевод требует проверки, но новое решение не может быть зарегистрировано.",
                "Аударым тексеруді қажет етеді, бірақ жаңа шешімді тіркеу мүмкін емес.",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scale::Encode;

    #[test]
    fn each_code_is_its_index_in_the_table_and_its_scale_encoding() {
        for (i, r) in TABLE.iter().enumerate() {
            assert_eq!(usize::from(r.code()), i);
            assert_eq!(r.encode(), vec![r.code()]);
            assert_eq!(Restriction::from_code(r.code()), Some(*r));
        }
        assert_eq!(Restriction::from_code(24), None);
        assert_eq!(Restriction::from_code(u8::MAX), None);
    }

    #[test]
    fn the_code_string_is_prefix_two_digits_and_name() {
        assert_eq!(Restriction::Paused.code_string(), "SHART-01 PAUSED");
        assert_eq!(
            Restriction::RecipientNotListed.code_string(),
            "SHART-09 RECIPIENT_NOT_LISTED"
        );
        assert_eq!(
            Restriction::HoldNotRecorded.code_string(),
            "SHART-23 HOLD_NOT_RECORDED"
        );
    }

    #[test]
    fn every_code_has_a_distinct_name_and_three_distinct_non_empty_messages() {
        let mut names: Vec<&str> = TABLE.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLE.len());
        for r in TABLE {
            let [en, ru, kk] = [Language::En, Language::Ru, Language::Kk].map(|l| r.message(l));
            assert!(!en.is_empty() && !ru.is_empty() && !kk.is_empty(), "{r:?}");
            assert!(en != ru && ru != kk && en != kk, "{r:?}");
            // Russian and Kazakh are in Cyrillic; English is not.
            assert!(ru.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)));
            assert!(kk.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)));
            assert!(en.is_ascii());
        }
    }
}

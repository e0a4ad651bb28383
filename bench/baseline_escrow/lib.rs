//! # baseline_escrow (benchmark only, not a template)
//!
//! The milestone logic of `service_agreement` with none of the safeguards:
//! no agreement anchor, no clause, no kill switch, no disputes, no roles.
//! `shart bench` deploys it beside the flagship in the same drink session to
//! measure what the safeguards cost per message.
//!
//! IMPORTANT: do not deploy or fork this contract. Without the safeguards
//! it is exactly what Kazakhstan's Digital Code does not recognise.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod baseline_escrow {
    use ink::prelude::vec::Vec;

    /// Errors.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Error {
        /// Only the client may do this.
        NotClient,
        /// Only the contractor may do this.
        NotContractor,
        /// Invalid milestones or review period.
        InvalidConfig,
        /// Funded already, or not funded.
        WrongFunding,
        /// Unknown milestone or wrong status.
        WrongMilestone,
        /// The review period is running.
        ReviewPeriodRunning,
        /// A transfer failed.
        TransferFailed,
    }

    /// Milestone states.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Status {
        /// Not delivered.
        Pending,
        /// Delivered.
        Delivered,
        /// Paid.
        Released,
    }

    /// A milestone.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Milestone {
        amount: Balance,
        status: Status,
        delivered_at: Option<Timestamp>,
    }

    /// Funded.
    #[ink(event)]
    pub struct EscrowFunded {
        #[ink(topic)]
        by: AccountId,
        amount: Balance,
    }

    /// Delivered.
    #[ink(event)]
    pub struct MilestoneDelivered {
        #[ink(topic)]
        milestone: u32,
        at: Timestamp,
        review_until: Timestamp,
    }

    /// Released.
    #[ink(event)]
    pub struct MilestoneReleased {
        #[ink(topic)]
        milestone: u32,
        #[ink(topic)]
        to: AccountId,
        amount: Balance,
        automated: bool,
    }

    /// Storage.
    #[ink(storage)]
    pub struct BaselineEscrow {
        client: AccountId,
        contractor: AccountId,
        milestones: Vec<Milestone>,
        review_period: Timestamp,
        funded: bool,
    }

    impl BaselineEscrow {
        /// Sets up the escrow.
        #[ink(constructor)]
        pub fn new(
            client: AccountId,
            contractor: AccountId,
            milestones: Vec<Balance>,
            review_period: Timestamp,
        ) -> Result<Self, Error> {
            if milestones.is_empty() || milestones.contains(&0) || review_period == 0 {
                return Err(Error::InvalidConfig);
            }
            Ok(Self {
                client,
                contractor,
                milestones: milestones
                    .into_iter()
                    .map(|amount| Milestone {
                        amount,
                        status: Status::Pending,
                        delivered_at: None,
                    })
                    .collect(),
                review_period,
                funded: false,
            })
        }

        fn total(&self) -> Option<Balance> {
            self.milestones
                .iter()
                .try_fold(0, |acc: Balance, m| acc.checked_add(m.amount))
        }

        fn release(&mut self, milestone: u32, automated: bool) -> Result<(), Error> {
            let index = usize::try_from(milestone).map_err(|_| Error::WrongMilestone)?;
            let review_period = self.review_period;
            let now = self.env().block_timestamp();
            let m = self
                .milestones
                .get_mut(index)
                .ok_or(Error::WrongMilestone)?;
            if m.status != Status::Delivered {
                return Err(Error::WrongMilestone);
            }
            if automated {
                let until = m
                    .delivered_at
                    .unwrap_or(0)
                    .checked_add(review_period)
                    .ok_or(Error::WrongMilestone)?;
                if now < until {
                    return Err(Error::ReviewPeriodRunning);
                }
            }
            m.status = Status::Released;
            let amount = m.amount;
            let to = self.contractor;
            self.env().emit_event(MilestoneReleased {
                milestone,
                to,
                amount,
                automated,
            });
            self.env()
                .transfer(to, amount)
                .map_err(|_| Error::TransferFailed)
        }

        /// The client funds the escrow with the milestone total.
        #[ink(message, payable)]
        pub fn fund(&mut self) -> Result<(), Error> {
            let caller = self.env().caller();
            if caller != self.client {
                return Err(Error::NotClient);
            }
            let value = self.env().transferred_value();
            if self.funded || Some(value) != self.total() {
                return Err(Error::WrongFunding);
            }
            self.funded = true;
            self.env().emit_event(EscrowFunded {
                by: caller,
                amount: value,
            });
            Ok(())
        }

        /// The contractor marks a milestone delivered.
        #[ink(message)]
        pub fn mark_delivered(&mut self, milestone: u32) -> Result<(), Error> {
            if self.env().caller() != self.contractor {
                return Err(Error::NotContractor);
            }
            if !self.funded {
                return Err(Error::WrongFunding);
            }
            let now = self.env().block_timestamp();
            let review_until = now
                .checked_add(self.review_period)
                .ok_or(Error::InvalidConfig)?;
            let index = usize::try_from(milestone).map_err(|_| Error::WrongMilestone)?;
            let m = self
                .milestones
                .get_mut(index)
                .ok_or(Error::WrongMilestone)?;
            if m.status != Status::Pending {
                return Err(Error::WrongMilestone);
            }
            m.status = Status::Delivered;
            m.delivered_at = Some(now);
            self.env().emit_event(MilestoneDelivered {
                milestone,
                at: now,
                review_until,
            });
            Ok(())
        }

        /// The client approves a delivered milestone.
        #[ink(message)]
        pub fn approve_milestone(&mut self, milestone: u32) -> Result<(), Error> {
            if self.env().caller() != self.client {
                return Err(Error::NotClient);
            }
            self.release(milestone, false)
        }

        /// Anyone releases a delivered milestone after the review period.
        #[ink(message)]
        pub fn auto_release(&mut self, milestone: u32) -> Result<(), Error> {
            self.release(milestone, true)
        }
    }
}

//! Account rules, shared by the sign-up and sign-in pages and the server: what a username and
//! a password may be, and every problem a form can be sent back with. Parse, don't validate:
//! a [`Username`] or a [`Password`] exists only when it keeps the rules.

use std::fmt;
use std::ops::RangeInclusive;

/// Username length, in characters.
pub const USERNAME_CHARS: RangeInclusive<usize> = 3..=40;
/// Password length, in characters.
pub const PASSWORD_CHARS: RangeInclusive<usize> = 10..=256;

/// A username: 3–40 letters, digits, `.`, `-` or `_`, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    /// `text` as a username, surrounding spaces dropped.
    pub fn parse(text: &str) -> Result<Self, AccountProblem> {
        let name = text.trim();
        let fits = USERNAME_CHARS.contains(&name.chars().count())
            && name.starts_with(|c: char| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if fits {
            Ok(Self(name.to_owned()))
        } else {
            Err(AccountProblem::UsernameFormat)
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password of an allowed length. Its `Debug` never shows it, so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// `text` as a password, exactly as typed (spaces count).
    pub fn parse(text: String) -> Result<Self, AccountProblem> {
        let chars = text.chars().count();
        if chars < *PASSWORD_CHARS.start() {
            Err(AccountProblem::PasswordShort)
        } else if chars > *PASSWORD_CHARS.end() {
            Err(AccountProblem::PasswordLong)
        } else {
            Ok(Self(text))
        }
    }

    /// The password, for hashing or checking against a hash.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A sign-up form that keeps every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUp {
    /// The name asked for (not yet known to be free).
    pub username: Username,
    /// The password, typed the same twice.
    pub password: Password,
}

impl SignUp {
    /// The form's three fields, or every problem they have (one per field at most).
    pub fn parse(
        username: &str,
        password: String,
        password_again: &str,
    ) -> Result<Self, Vec<AccountProblem>> {
        let same = password == password_again;
        match (Username::parse(username), Password::parse(password)) {
            (Ok(username), Ok(password)) if same => Ok(Self { username, password }),
            (username, password) => Err([
                username.err(),
                password
                    .err()
                    .or((!same).then_some(AccountProblem::PasswordMismatch)),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

/// What a sign-up or sign-in form is sent back with. Each problem belongs to one field, has
/// one sentence, and travels in the address as its [`code`](Self::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountProblem {
    /// The username breaks [`Username`]'s rules.
    UsernameFormat,
    /// Someone has the username (compared without case).
    UsernameTaken,
    /// The password is shorter than [`PASSWORD_CHARS`].
    PasswordShort,
    /// The password is longer than [`PASSWORD_CHARS`].
    PasswordLong,
    /// The two passwords of a sign-up differ.
    PasswordMismatch,
    /// No such user, or not their password: the two are never told apart.
    WrongPassword,
    /// The form's body could not be read at all.
    FormUnreadable,
}

impl AccountProblem {
    /// Every problem, for reading codes back.
    pub const ALL: [Self; 7] = [
        Self::UsernameFormat,
        Self::UsernameTaken,
        Self::PasswordShort,
        Self::PasswordLong,
        Self::PasswordMismatch,
        Self::WrongPassword,
        Self::FormUnreadable,
    ];

    /// The problem's name in the address the form is sent back to.
    pub fn code(self) -> &'static str {
        match self {
            Self::UsernameFormat => "username-format",
            Self::UsernameTaken => "username-taken",
            Self::PasswordShort => "password-short",
            Self::PasswordLong => "password-long",
            Self::PasswordMismatch => "password-mismatch",
            Self::WrongPassword => "wrong-password",
            Self::FormUnreadable => "form-unreadable",
        }
    }

    /// The problem a code names; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The form field the message is shown beside.
    pub fn field(self) -> &'static str {
        match self {
            Self::UsernameFormat | Self::UsernameTaken | Self::FormUnreadable => "username",
            Self::PasswordShort | Self::PasswordLong | Self::WrongPassword => "password",
            Self::PasswordMismatch => "password_again",
        }
    }
}

impl fmt::Display for AccountProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (fewest, most) = (USERNAME_CHARS.start(), USERNAME_CHARS.end());
        match self {
            Self::UsernameFormat => write!(
                f,
                "Use {fewest} to {most} letters, digits, dots, dashes or underscores, starting with a letter or digit."
            ),
            Self::UsernameTaken => f.write_str("That username is taken. Choose another one."),
            Self::PasswordShort => write!(f, "Use at least {} characters.", PASSWORD_CHARS.start()),
            Self::PasswordLong => write!(f, "Use at most {} characters.", PASSWORD_CHARS.end()),
            Self::PasswordMismatch => {
                f.write_str("The two passwords differ. Type the same one twice.")
            }
            Self::WrongPassword => f.write_str("That username and password do not match."),
            Self::FormUnreadable => {
                f.write_str("The form could not be read. Fill it in again and send it.")
            }
        }
    }
}

/// The signed-in user as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserView {
    /// Username.
    pub name: String,
    /// May review proposals.
    pub reviewer: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_of_letters_digits_dots_dashes_and_underscores_is_a_username() {
        for name in ["ada", "Ada.Lovelace", "dba_2", "x-y", &"a".repeat(40)] {
            assert_eq!(Username::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn surrounding_spaces_are_not_part_of_a_username() {
        assert_eq!(Username::parse("  ada \n").unwrap().as_str(), "ada");
    }

    #[test]
    fn a_name_too_short_too_long_or_with_other_characters_is_refused() {
        for name in [
            "",
            "ab",
            &"a".repeat(41),
            "ada lovelace",
            "ad@",
            "ädä",
            "<b>",
        ] {
            assert_eq!(
                Username::parse(name),
                Err(AccountProblem::UsernameFormat),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_username_must_start_with_a_letter_or_digit() {
        for name in [".ada", "-ada", "_ada"] {
            assert!(Username::parse(name).is_err(), "{name}");
        }
    }

    #[test]
    fn a_password_is_between_10_and_256_characters_counted_as_characters() {
        assert_eq!(
            Password::parse("short".into()),
            Err(AccountProblem::PasswordShort)
        );
        assert!(
            Password::parse("é".repeat(10)).is_ok(),
            "20 bytes, 10 characters"
        );
        assert!(Password::parse("a".repeat(256)).is_ok());
        assert_eq!(
            Password::parse("a".repeat(257)),
            Err(AccountProblem::PasswordLong)
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let form = SignUp::parse(
            "ada",
            "correct horse battery".into(),
            "correct horse battery",
        );
        let printed = format!("{form:?}");
        assert!(!printed.contains("horse"), "{printed}");
    }

    #[test]
    fn a_sign_up_gets_one_problem_per_field() {
        assert_eq!(
            SignUp::parse("a", "short".into(), "other"),
            Err(vec![
                AccountProblem::UsernameFormat,
                AccountProblem::PasswordShort
            ])
        );
        assert_eq!(
            SignUp::parse("ada", "long enough pass".into(), "long enough pas"),
            Err(vec![AccountProblem::PasswordMismatch])
        );
        assert!(SignUp::parse("ada", "long enough pass".into(), "long enough pass").is_ok());
    }

    #[test]
    fn every_problem_code_reads_back_as_its_problem_and_nothing_else_does() {
        for problem in AccountProblem::ALL {
            assert_eq!(AccountProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(AccountProblem::from_code("<script>"), None);
    }

    #[test]
    fn the_messages_name_the_limits_the_rules_use() {
        assert!(AccountProblem::UsernameFormat
            .to_string()
            .contains("3 to 40"));
        assert_eq!(
            AccountProblem::PasswordShort.to_string(),
            "Use at least 10 characters."
        );
        assert_eq!(
            AccountProblem::PasswordLong.to_string(),
            "Use at most 256 characters."
        );
    }
}

//! The areas' commands on [`Session`], generated from the list of commands
//! (`api/commands.rs`): each runs the area's use case of the same name with
//! a [`Context`] for the call, after the idle check, and counts as activity.
//! Nothing here is written per command; an area adds a line to the list
//! and a use case `area::name(&Context, argument)`.

use super::Session;
use crate::api::wire::*;
use crate::context::Context;
use crate::error::ApiResult;

macro_rules! area_commands {
    (session { $( $session:tt )* } $( $area:ident { $( $lines:tt )* } )*) => {
        $( area_commands!(@area $area $( $lines )*); )*
    };
    ($( $area:ident { $( $lines:tt )* } )*) => {
        $( area_commands!(@area $area $( $lines )*); )*
    };
    (@area $area:ident $( $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty $( => $step:ident )? ; )*) => {
        impl Session {
            $( area_commands!(@method $area $name ( $( $arg : $ty )? ) -> $ret $( => $step )?); )*
        }
    };
    (@method $area:ident $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty) => {
        #[doc = concat!("`", stringify!($area), "::", stringify!($name), "`, on the open vault.")]
        pub async fn $name(&self $( , $arg: $ty )?) -> ApiResult<$ret> {
            self.in_area(async |cx: &Context<'_>| crate::$area::$name(cx $( , $arg )?).await)
                .await
        }
    };
    (@method $area:ident $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty => $step:ident) => {
        #[doc = concat!("`", stringify!($area), "::", stringify!($name), "` on the open vault, then `",
            stringify!($area), "::", stringify!($step), "` once the session is free.")]
        pub async fn $name(&self $( , $arg: $ty )?) -> ApiResult<$ret> {
            let answer = self
                .in_area(async |cx: &Context<'_>| crate::$area::$name(cx $( , $arg )?).await)
                .await?;
            crate::$area::$step(answer).await
        }
    };
}

crate::for_each_command!(area_commands);
crate::for_each_cli_command!(area_commands);

import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { filter, map, pipe } from '@graphql-yoga/subscription';
import type { Context } from '../../graphql/context';
import { pubSub } from '../../graphql/pubsub';
import { unauthenticated } from '../../errors';
import { Notification, NotificationConnection, PushSubscriptionInput } from './notification.type';
import { NotificationsService } from './notifications.service';
import { NOTIFICATION_ADDED, type NotificationEvent } from './notify';

@Resolver(() => Notification)
export class NotificationsResolver {
  @Query(() => NotificationConnection, { description: 'Thông báo của người đang đăng nhập, mới nhất trước.' })
  notifications(
    @Ctx() ctx: Context,
    @Arg('unreadOnly', () => Boolean, { nullable: true, defaultValue: false, description: 'Chỉ thông báo chưa đọc.' }) unreadOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Số thông báo mỗi trang (tối đa 100).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Con trỏ `endCursor` của trang trước.' }) after?: string | null,
  ): Promise<NotificationConnection> {
    return new NotificationsService(ctx).list({ unreadOnly, first, after });
  }

  @Query(() => Int, { description: 'Số thông báo chưa đọc của người đang đăng nhập.' })
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return new NotificationsService(ctx).unreadCount();
  }

  @Query(() => String, { nullable: true, description: 'Khóa công khai VAPID để trình duyệt đăng ký Web Push; null khi máy chủ không bật Web Push.' })
  webPushPublicKey(@Ctx() ctx: Context): string | null {
    return ctx.config.vapid?.publicKey ?? null;
  }

  @Mutation(() => Int, { description: 'Đánh dấu đã đọc các thông báo của mình (không truyền ids: tất cả). Trả về số thông báo vừa được đánh dấu.' })
  markNotificationsRead(@Ctx() ctx: Context, @Arg('ids', () => [ID], { nullable: true, description: 'Tối đa 100 mã.' }) ids?: string[] | null): Promise<number> {
    return new NotificationsService(ctx).markRead(ids);
  }

  @Mutation(() => Boolean, { description: 'Nhận thông báo đẩy (Web Push) trên trình duyệt này. Lỗi push/not-configured khi máy chủ không bật Web Push.' })
  subscribePush(@Ctx() ctx: Context, @Arg('input', () => PushSubscriptionInput) input: PushSubscriptionInput): Promise<boolean> {
    return new NotificationsService(ctx).subscribePush(input);
  }

  @Mutation(() => Boolean, { description: 'Thôi nhận thông báo đẩy trên trình duyệt có địa chỉ đăng ký này. Trả về false khi không có.' })
  unsubscribePush(@Ctx() ctx: Context, @Arg('endpoint', () => String, { description: 'Tối đa 1.000 ký tự.' }) endpoint: string): Promise<boolean> {
    return new NotificationsService(ctx).unsubscribePush(endpoint);
  }

  @Subscription(() => Notification, {
    description: 'Thông báo mới của người đang đăng nhập (qua graphql-ws), ngay khi được ghi.',
    subscribe: ({ context }: { context: Context }) => {
      if (!context.user) throw unauthenticated();
      return pipe(
        pubSub.subscribe(NOTIFICATION_ADDED),
        map((event: unknown) => NotificationsService.ownCopy(context, event as NotificationEvent)),
        filter((n: Notification | null): n is Notification => n !== null),
      );
    },
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }
}

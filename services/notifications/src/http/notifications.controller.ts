import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATIONS_DEFAULT_LIMIT, NotificationQuery, NotificationView } from '@cabs/contracts';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { NotificationsDatabase } from '../db/database.js';
import { listNotifications } from '../db/notifications.js';
import { parseRecipient } from '../domain/recipient.js';
import { toNotificationView } from './notification-view.js';

/** What riders and drivers were told, answered from this service's own database. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: NotificationsDatabase) {}

  @Get()
  @ApiOperation({ summary: "One rider's or driver's messages, newest first" })
  @ApiQuery({ name: 'recipient', required: true, description: 'client:<id> or driver:<id>' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `At most this many (1–500, default ${NOTIFICATIONS_DEFAULT_LIMIT})`,
  })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(NotificationView)) })
  @ApiBadRequestResponse({
    description: 'The recipient is missing or malformed, the limit is out of range, or a parameter is unknown',
  })
  async list(
    @Query(new SchemaPipe(NotificationQuery, 'query', { convert: true })) query: Static<typeof NotificationQuery>,
  ): Promise<NotificationView[]> {
    const messages = await listNotifications(
      this.db,
      parseRecipient(query.recipient),
      query.limit ?? NOTIFICATIONS_DEFAULT_LIMIT,
    );
    return messages.map(toNotificationView);
  }
}

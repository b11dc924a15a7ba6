/** Keeps changes that nimo-shake wrote (marked transactions) from going back to DynamoDB. */
package io.nimo.backsync.echo;
